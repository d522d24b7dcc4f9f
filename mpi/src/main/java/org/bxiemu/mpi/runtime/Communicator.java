package org.bxiemu.mpi.runtime;

/**
 * A communicator: its context (part of every message's match bits, so its traffic never matches
 * another's), its members' world ranks in communicator-rank order, and this rank's place. The
 * world communicator maps each rank to itself without a table: a table in every rank would take
 * size² ints over the job (1 GiB at 16,384 ranks).
 */
record Communicator(int context, Ranks members, int rank) {
    /** Communicator ranks to world ranks. */
    sealed interface Ranks {
        int size();

        int world(int commRank);
    }

    /** Every rank of the job, in world order. */
    record Everyone(int size) implements Ranks {
        @Override
        public int world(int commRank) {
            return commRank;
        }
    }

    /** The world ranks of the members, in communicator-rank order. */
    record Listed(int[] worldRanks) implements Ranks {
        @Override
        public int size() {
            return worldRanks.length;
        }

        @Override
        public int world(int commRank) {
            return worldRanks[commRank];
        }
    }

    int size() {
        return members.size();
    }

    int world(int commRank) {
        return members.world(commRank);
    }

    /** The members' world ranks in communicator-rank order (a new array). */
    int[] worldRanks() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) all[i] = world(i);
        return all;
    }

    static Communicator world(int rank, int size) {
        return new Communicator(0, new Everyone(size), rank);
    }

    static Communicator listed(int context, int[] worldRanks, int rank) {
        return new Communicator(context, new Listed(worldRanks), rank);
    }
}
