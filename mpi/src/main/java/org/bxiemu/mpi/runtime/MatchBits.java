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

    static long of(int source, int tag) {
        if (source < 0 || source > MAX_RANK) throw new IllegalArgumentException("rank " + source + " out of 0.." + MAX_RANK);
        if (tag < 0 || tag > MAX_TAG) throw new IllegalArgumentException("tag " + tag + " out of 0.." + MAX_TAG);
        return ((long) source << 24) | tag;
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
