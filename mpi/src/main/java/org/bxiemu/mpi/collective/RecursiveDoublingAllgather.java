package org.bxiemu.mpi.collective;

/**
 * Recursive-doubling allgather (MPICH {@code MPIR_Allgather_intra_recursive_doubling}) for a
 * power-of-two p: in step k rank r exchanges with r XOR 2^k the 2^k blocks it already holds (the
 * aligned group of 2^k ranks containing r), receiving straight into the receive buffer; lg p
 * communication rounds.
 *
 * <p>Non-power-of-two p: the schedule is {@link BruckAllgather}'s (⌈lg p⌉ rounds, same bandwidth,
 * plus a local rotation), which is what MPICH selects for short messages on such sizes; MPICH's own
 * non-power-of-two recursive doubling (with its "missing blocks" repair steps) is not reproduced.
 */
public final class RecursiveDoublingAllgather extends AbstractAlgorithm {
    public static final String NAME = "recursive-doubling";

    public RecursiveDoublingAllgather() {
        super(NAME, Collective.ALLGATHER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        AllgatherArgs a = AllgatherArgs.of(args, size);
        if (!isPow2(size)) {
            return BruckAllgather.schedule(rank, size, a);
        }
        ScheduleBuilder b = new ScheduleBuilder();
        b.copy(a.send().all(), a.block(rank));
        for (int mask = 1; mask < size; mask <<= 1) {
            int partner = rank ^ mask;
            b.send(partner, mask == 1 ? a.send().all() : a.blocks(rank & ~(mask - 1), mask));
            b.recv(partner, a.blocks(partner & ~(mask - 1), mask));
            b.round();
        }
        return b.build();
    }

    /**
     * Power of two: lg p α + ((p-1)/p)nβ (MPICH comments; Thakur et al. 2005, §4.1); otherwise
     * Bruck's ⌈lg p⌉α + ((p-1)/p)nβ, the schedule actually used.
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * m.alpha() + (p - 1) / (double) p * bytes * m.beta();
    }
}
