package org.bxiemu.mpi.collective;

/**
 * Dissemination barrier (Hensgen, Finkel & Manber 1988; MPICH's {@code MPIR_Barrier_intra_dissemination}):
 * in round k = 0..⌈lg p⌉-1 rank r sends an empty message to r + 2^k and receives one from r - 2^k
 * (mod p). Works unchanged for any p (no power-of-two restriction); p = 1 is an empty schedule.
 * Messages are zero bytes (a modelled 0-element buffer, listed as scratch).
 */
public final class DisseminationBarrier extends AbstractAlgorithm {
    public static final String NAME = "dissemination";

    public DisseminationBarrier() {
        super(NAME, Collective.BARRIER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        ScheduleBuilder b = new ScheduleBuilder();
        if (size == 1) {
            return b.build();
        }
        Buffer empty = b.scratch(Datatype.INT, 0, false);
        for (int dist = 1; dist < size; dist <<= 1) {
            b.send(mod(rank + dist, size), empty.all());
            b.recv(mod(rank - dist, size), empty.all());
            b.round();
        }
        return b.build();
    }

    /** ⌈lg p⌉ α (MPICH comments; Thakur, Rabenseifner &amp; Gropp 2005). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * m.alpha();
    }
}
