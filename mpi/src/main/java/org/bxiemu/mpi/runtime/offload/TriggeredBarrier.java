package org.bxiemu.mpi.runtime.offload;

/**
 * Dissemination barrier on the NIC (Hensgen, Finkel, Manber 1988; offloaded as in Hemmert et al.,
 * EuroMPI 2010): in round k each rank signals rank + 2^k and waits for rank - 2^k, ⌈log2 p⌉
 * rounds, any p. Counter k counts the round-k signal from the peer plus one for "this rank has
 * sent its round-k signal" (the host's increment for round 0, a triggered increment from
 * counter k - 1 after that); when it reaches 2 the NIC sends round k + 1. So no rank's last
 * counter reaches 2 before every rank has entered, and each round's signal is counted on its
 * own counter whatever order signals arrive in.
 */
final class TriggeredBarrier implements TriggeredAlgorithm {
    private final int rounds;

    TriggeredBarrier(int size) {
        this.rounds = 32 - Integer.numberOfLeadingZeros(size - 1); // ⌈log2 size⌉
    }

    @Override
    public int counters() {
        return Math.max(1, rounds);
    }

    @Override
    public java.util.SortedSet<Integer> peers(Members members) {
        java.util.SortedSet<Integer> from = new java.util.TreeSet<>();
        for (int k = 0; k < rounds; k++) from.add(Math.floorMod(members.rank() - (1 << k), members.size()));
        return from;
    }

    @Override
    public End post(Chain chain) {
        if (rounds == 0) return new End(0, 0);
        Members m = chain.members();
        int p = m.size();
        for (int k = 0; k < rounds; k++) chain.expect(OffloadBits.ROUND + k, 0, 0, k, true);
        for (int k = 1; k < rounds; k++) {
            chain.triggeredPut((m.rank() + (1 << k)) % p, OffloadBits.ROUND + k, 0, 0, k - 1, 2);
            chain.triggeredIncrement(k, k - 1, 2);
        }
        chain.put((m.rank() + 1) % p, OffloadBits.ROUND, 0, 0);
        chain.increment(0);
        return new End(rounds - 1, 2);
    }
}
