package org.bxiemu.mpi.collective;

import java.util.Objects;

/**
 * The arguments of one collective call on one rank. Build them with the static factories; buffers
 * that MPI ignores on a rank (the receive buffer of a non-root in gather/reduce, the send buffer
 * of a non-root in scatter) may be {@code null}. In-place variants are not supported.
 *
 * @param collective which collective
 * @param send the send buffer (bcast: the buffer)
 * @param recv the receive buffer (bcast: the same buffer)
 * @param root the root rank (-1 for rootless collectives)
 * @param op the reduction operator (null unless REDUCE/ALLREDUCE)
 */
public record CollectiveArgs(Collective collective, Buffer send, Buffer recv, int root, ReduceOp op) {
    public CollectiveArgs {
        Objects.requireNonNull(collective, "collective");
    }

    /** Barrier: no buffers. */
    public static CollectiveArgs barrier() {
        return new CollectiveArgs(Collective.BARRIER, null, null, -1, null);
    }

    /** Broadcast of {@code buffer} (source on the root, destination elsewhere). */
    public static CollectiveArgs bcast(Buffer buffer, int root) {
        Objects.requireNonNull(buffer, "buffer");
        return new CollectiveArgs(Collective.BCAST, buffer, buffer, root, null);
    }

    /** Reduce of {@code send} into {@code recv} on the root ({@code recv} may be null elsewhere). */
    public static CollectiveArgs reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(op, "op");
        return new CollectiveArgs(Collective.REDUCE, send, recv, root, op);
    }

    /** Allreduce: {@code recv} (same count and datatype as {@code send}) gets the reduction. */
    public static CollectiveArgs allreduce(Buffer send, Buffer recv, ReduceOp op) {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(recv, "recv");
        Objects.requireNonNull(op, "op");
        return new CollectiveArgs(Collective.ALLREDUCE, send, recv, -1, op);
    }

    /** Allgather: {@code send} holds one block, {@code recv} p blocks (block i from rank i). */
    public static CollectiveArgs allgather(Buffer send, Buffer recv) {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(recv, "recv");
        return new CollectiveArgs(Collective.ALLGATHER, send, recv, -1, null);
    }

    /**
     * Alltoall: {@code send} holds p blocks (block j for rank j), {@code recv} p blocks (block i
     * from rank i), all of the same size.
     */
    public static CollectiveArgs alltoall(Buffer send, Buffer recv) {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(recv, "recv");
        return new CollectiveArgs(Collective.ALLTOALL, send, recv, -1, null);
    }

    /** Gather: {@code send} holds one block; on the root {@code recv} gets p blocks. */
    public static CollectiveArgs gather(Buffer send, Buffer recv, int root) {
        Objects.requireNonNull(send, "send");
        return new CollectiveArgs(Collective.GATHER, send, recv, root, null);
    }

    /** Scatter: on the root {@code send} holds p blocks; {@code recv} gets one block. */
    public static CollectiveArgs scatter(Buffer send, Buffer recv, int root) {
        Objects.requireNonNull(recv, "recv");
        return new CollectiveArgs(Collective.SCATTER, send, recv, root, null);
    }

    /**
     * The message size in bytes as {@link Collective} defines it for this collective, computed
     * from this rank's buffers (the same on every rank of a correct call).
     */
    public long messageBytes(int size) {
        return switch (collective) {
            case BARRIER -> 0;
            case BCAST, REDUCE, ALLREDUCE, ALLTOALL -> send.bytes();
            case ALLGATHER, GATHER -> size * send.bytes();
            case SCATTER -> size * recv.bytes();
        };
    }
}
