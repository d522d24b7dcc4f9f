package org.bxiemu.mpi.runtime.offload;

/**
 * The communicator a collective runs on, as the offloaded collectives see it: its context, this
 * rank's place, and the world rank of each member.
 */
public record Members(int context, int rank, int[] worldRanks) {
    public int size() {
        return worldRanks.length;
    }

    public int world(int commRank) {
        return worldRanks[commRank];
    }
}
