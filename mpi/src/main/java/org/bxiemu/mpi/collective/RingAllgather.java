package org.bxiemu.mpi.collective;

/**
 * Ring allgather (MPICH {@code MPIR_Allgather_intra_ring}): in step s = 0..p-2 rank r sends block
 * (r - s) mod p to r + 1 and receives block (r - s - 1) mod p from r - 1, straight into the receive
 * buffer. Any p; p - 1 communication rounds.
 */
public final class RingAllgather extends AbstractAlgorithm {
    public static final String NAME = "ring";

    public RingAllgather() {
        super(NAME, Collective.ALLGATHER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        AllgatherArgs a = AllgatherArgs.of(args, size);
        ScheduleBuilder b = new ScheduleBuilder();
        b.copy(a.send().all(), a.block(rank));
        int left = mod(rank - 1, size);
        int right = mod(rank + 1, size);
        for (int s = 0; s < size - 1; s++) {
            b.send(right, s == 0 ? a.send().all() : a.block(mod(rank - s, size)));
            b.recv(left, a.block(mod(rank - s - 1, size)));
            b.round();
        }
        return b.build();
    }

    /** (p-1)(α + (n/p)β), n the total gathered bytes (MPICH comments; Thakur et al. 2005, §4.1). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return (p - 1) * (m.alpha() + bytes / (double) p * m.beta());
    }
}
