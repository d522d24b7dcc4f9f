package org.bxiemu.mpi.runtime.offload;

/** One offloaded collective algorithm on one rank: what it posts, and when the rank is done. */
interface TriggeredAlgorithm {
    /** Counting events (CTs) this rank needs. */
    int counters();

    /** Posts this rank's part of the chain; returns the counter and threshold that end it here. */
    End post(Chain chain);

    /** The communicator ranks whose messages this rank's part waits for (named when a wait times out). */
    java.util.SortedSet<Integer> peers(Members members);

    /** Once over: hands the result to the program (its buffers) before the chain's memory is released. */
    default void finish(Chain chain) {}

    /** The rank is done when counter {@code counter} reaches {@code threshold}. */
    record End(int counter, long threshold) {}
}
