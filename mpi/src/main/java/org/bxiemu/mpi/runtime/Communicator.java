package org.bxiemu.mpi.runtime;

/**
 * A communicator: its context (part of every message's match bits, so its traffic never matches
 * another's), its members' world ranks in communicator-rank order, and this rank's place.
 */
record Communicator(int context, int[] worldRanks, int rank) {
    int size() {
        return worldRanks.length;
    }

    int world(int commRank) {
        return worldRanks[commRank];
    }

    static Communicator world(int rank, int size) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) all[i] = i;
        return new Communicator(0, all, rank);
    }
}
