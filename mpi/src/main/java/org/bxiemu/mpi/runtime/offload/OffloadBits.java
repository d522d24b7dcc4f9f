package org.bxiemu.mpi.runtime.offload;

/**
 * Match bits on the collective portal: [context 16 bits][sequence 24][slot 24]. The sequence
 * counts the offloaded collectives of one communicator (every member calls them in the same
 * order, so it agrees without communication); the slot names a role within one collective.
 */
final class OffloadBits {
    /** Dissemination round k uses slot ROUND + k. */
    static final int ROUND = 0;
    /** A child's (bcast) or parent's (allreduce) zero-byte "my entry is posted" signal, + index. */
    static final int READY = 64;
    /** Broadcast data. */
    static final int DATA = 128;
    /** Reduction atomics from the children. */
    static final int ACCUMULATE = 129;
    /** The reduced result, from the parent. */
    static final int RESULT = 130;
    /** The NIC's note to its own host that the collective is over. */
    static final int DONE = 131;

    private static final int SEQUENCE_MASK = (1 << 24) - 1;

    private OffloadBits() {}

    static long of(int context, int sequence, int slot) {
        if (context < 0 || context > 0xFFFF) throw new IllegalArgumentException("context " + context + " out of range");
        return ((long) context << 48) | ((long) (sequence & SEQUENCE_MASK) << 24) | slot;
    }
}
