/**
 * MPI collective algorithms as pure communication schedules, in the style of libNBC.
 *
 * <p>A {@link org.bxiemu.mpi.collective.CollectiveAlgorithm} turns (rank, size, arguments)
 * into a {@link org.bxiemu.mpi.collective.Schedule}: an ordered list of
 * {@link org.bxiemu.mpi.collective.Round rounds}, each a set of {@link org.bxiemu.mpi.collective.Op
 * operations} (send, receive, local reduction, local copy) that may proceed concurrently; a round
 * starts when every operation of the previous one completed. Nothing here touches the network or
 * the clock: the transport executes the schedules and charges time for every operation.
 *
 * <h2>Rules every schedule obeys (and that the tests check)</h2>
 * <ul>
 *   <li><b>Matching by order.</b> The k-th {@link org.bxiemu.mpi.collective.Op.Send Send} from
 *       rank a to rank b, in schedule order (rounds in order, operations of a round in list
 *       order), matches the k-th {@link org.bxiemu.mpi.collective.Op.Recv Recv} that b posts from
 *       a, and both have the same size in bytes (MPI's non-overtaking rule; the transport uses a
 *       per-collective tag and a sequence number).</li>
 *   <li><b>Rendezvous-safe.</b> A schedule never relies on a send completing before the peer
 *       posted the matching receive, so it neither deadlocks with eager nor with rendezvous
 *       transfers.</li>
 *   <li><b>No hazards inside a round.</b> A slice written by an operation of a round (the target
 *       of a Recv, Reduce or Copy) overlaps no slice of any other operation of the same round; the
 *       transport may therefore run a round's operations in any order or concurrently, and must
 *       not modify a send slice until its send completed.</li>
 *   <li><b>Scratch accounting.</b> Every buffer an operation touches is either a buffer of the
 *       {@link org.bxiemu.mpi.collective.CollectiveArgs} or listed in
 *       {@link org.bxiemu.mpi.collective.Schedule#scratch()}.</li>
 * </ul>
 *
 * <p>Buffers are either real ({@code int[]}, {@code long[]}, {@code double[]}) or modelled only
 * (a datatype and a count, no data): with modelled buffers reductions and copies do nothing but
 * every size is right, which is what large emulated runs use. {@link
 * org.bxiemu.mpi.collective.CollectiveSelector} picks an algorithm per collective from the
 * message size and communicator size, MPICH-style.
 */
package org.bxiemu.mpi.collective;
