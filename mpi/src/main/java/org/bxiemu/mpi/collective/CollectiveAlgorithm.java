package org.bxiemu.mpi.collective;

/** One algorithm for one collective. Implementations are stateless and thread-safe. */
public interface CollectiveAlgorithm {

    /** Short name, unique within its collective, e.g. {@code "recursive-doubling"}. */
    String name();

    /** The collective this algorithm implements. */
    Collective collective();

    /**
     * The schedule of rank {@code rank} in a communicator of {@code size} ranks. Every rank of the
     * communicator must call it with consistent arguments (same counts, datatype, root, op).
     *
     * @throws IllegalArgumentException on a bad rank, size, root or buffer sizes, or arguments of
     *     another collective
     */
    Schedule schedule(int rank, int size, CollectiveArgs args);

    /**
     * Textbook completion time on an ideal network (no contention, full-duplex links, one message
     * in and one out per rank at a time): {@code p} ranks, message size {@code bytes} as {@link
     * Collective} defines it, costs {@code m}.
     */
    double idealTime(int p, long bytes, CostModel m);
}
