package org.bxiemu.mpi.runtime.offload;

import org.bxiemu.engine.units.Cost;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.ReduceOp;
import org.bxiemu.nic.portals.AtomicOp;
import org.bxiemu.nic.portals.AtomicType;

/**
 * Allreduce on the NIC: a binomial-tree reduce into the root with triggered atomics, then the
 * result down the same tree with triggered Puts (Hemmert et al., EuroMPI 2010; the atomics as
 * Underwood et al., CLUSTER 2011). Each rank's accumulator starts as its own contribution; once
 * its parent has signalled that its accumulator is ready and every child's atomics have landed,
 * the NIC adds the accumulator into the parent's with atomics of at most the NIC's largest atomic
 * size. The root's accumulator then holds the result, which goes down as in the broadcast.
 *
 * <p>Why not recursive doubling: the NIC can combine only what lands in memory by an atomic, and
 * each doubling round would need a buffer of its own and a combine of two partial results (an
 * atomic of the NIC to itself per round), plus extra steps folding in the ranks beyond a power
 * of two. In a tree, atomics from all children land in one accumulator in any order (the
 * operators commute), any p works unchanged, and each rank sends its data once up and once down.
 * The price is depth: 2⌈log2 p⌉ steps instead of ⌈log2 p⌉.
 *
 * <p>Real values: sums, minima, maxima and products of ints, longs and doubles, computed by the
 * NIC on the bytes in node memory. Floating-point sums combine in arrival order, which is
 * deterministic but not the host algorithms' order: results agree exactly when they are exact
 * (integers, dyadic fractions), otherwise to rounding.
 */
final class TriggeredAllreduce implements TriggeredAlgorithm {
    private static final int UP = 0;
    private static final int DOWN = 1;

    private final Buffer send;
    private final Buffer recv;
    private final ReduceOp op;
    private final long atomicSize;
    private long accumulator;

    /** {@code atomicSize}: the NIC's largest atomic, rounded down to whole elements by the caller. */
    TriggeredAllreduce(Buffer send, Buffer recv, ReduceOp op, long atomicSize) {
        this.send = send;
        this.recv = recv;
        this.op = op;
        this.atomicSize = atomicSize;
    }

    @Override
    public int counters() {
        return 2;
    }

    @Override
    public java.util.SortedSet<Integer> peers(Members members) {
        return Tree.of(members.rank(), 0, members.size()).neighbours();
    }

    @Override
    public End post(Chain chain) {
        Members m = chain.members();
        Tree tree = Tree.of(m.rank(), 0, m.size());
        long bytes = send.bytes();
        long chunks = (bytes + atomicSize - 1) / atomicSize;
        accumulator = chain.allocate(bytes);
        // MPI_Allreduce's one local copy: the contribution into the buffer the NIC combines in
        chain.port().library(Cost.of(chain.port().settings().copyBandwidth().serialisation(bytes)));
        if (send.isReal()) chain.port().write(accumulator, Bytes.of(send));
        long up = tree.children().size() * chunks;
        if (!tree.children().isEmpty()) chain.expect(OffloadBits.ACCUMULATE, accumulator, bytes, UP, false);
        if (!tree.isRoot()) {
            chain.expect(OffloadBits.READY, 0, 0, UP, true);
            chain.expect(OffloadBits.RESULT, accumulator, bytes, DOWN, true);
            up++;
            for (long c = 0; c < chunks; c++) {
                long offset = c * atomicSize;
                chain.triggeredAtomic(tree.parent(), OffloadBits.ACCUMULATE, accumulator + offset,
                        Math.min(atomicSize, bytes - offset), offset, atomicOp(op), atomicType(send), UP, up);
            }
        }
        // the accumulator is initialised and its entry posted: the children may add into it
        for (int child : tree.children()) chain.put(child, OffloadBits.READY, 0, 0);
        End result = tree.isRoot() ? new End(UP, up) : new End(DOWN, 1);
        for (int child : tree.children()) {
            chain.triggeredPut(child, OffloadBits.RESULT, accumulator, bytes, result.counter(), result.threshold());
        }
        return result;
    }

    @Override
    public void finish(Chain chain) {
        if (!send.isReal() || !recv.isReal()) return;
        byte[] data = chain.port().read(accumulator, recv.bytes());
        if (data.length == recv.bytes()) Bytes.into(data, recv);
    }

    static AtomicOp atomicOp(ReduceOp op) {
        return switch (op) {
            case SUM -> AtomicOp.SUM;
            case MIN -> AtomicOp.MIN;
            case MAX -> AtomicOp.MAX;
            case PROD -> AtomicOp.PROD;
        };
    }

    static AtomicType atomicType(Buffer buffer) {
        return switch (buffer.datatype()) {
            case INT -> AtomicType.INT32;
            case LONG -> AtomicType.INT64;
            case DOUBLE -> AtomicType.DOUBLE;
        };
    }
}
