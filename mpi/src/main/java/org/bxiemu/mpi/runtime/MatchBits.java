package org.bxiemu.mpi.runtime;

/**
 * Portals match bits of an MPI message: [context 16 bits][source rank 24][tag 24]. Wildcards
 * are ignore bits over the source or tag field.
 */
final class MatchBits {
    static final int MAX_RANK = (1 << 24) - 1;
    static final int MAX_TAG = (1 << 24) - 1;
    private static final long FIELD = (1L << 24) - 1;

    private MatchBits() {}

    static final int MAX_CONTEXT = (1 << 16) - 1;

    static long of(int context, int source, int tag) {
        if (context < 0 || context > MAX_CONTEXT) throw new IllegalArgumentException("context " + context + " out of range");
        if (source < 0 || source > MAX_RANK) throw new IllegalArgumentException("rank " + source + " out of 0.." + MAX_RANK);
        if (tag < 0 || tag > MAX_TAG) throw new IllegalArgumentException("tag " + tag + " out of 0.." + MAX_TAG);
        return ((long) context << 48) | ((long) source << 24) | tag;
    }

    static long ignore(boolean anySource, boolean anyTag) {
        return (anySource ? FIELD << 24 : 0) | (anyTag ? FIELD : 0);
    }

    static int source(long bits) {
        return (int) ((bits >>> 24) & FIELD);
    }

    static int tag(long bits) {
        return (int) (bits & FIELD);
    }
}
