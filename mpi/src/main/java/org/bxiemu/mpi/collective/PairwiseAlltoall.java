package org.bxiemu.mpi.collective;

/**
 * Pairwise-exchange alltoall (MPICH {@code MPIR_Alltoall_intra_pairwise}): p - 1 steps; in step i
 * rank r exchanges with r XOR i when p is a power of two, otherwise it sends to r + i and receives
 * from r - i (mod p). The own block is copied locally.
 */
public final class PairwiseAlltoall extends AbstractAlgorithm {
    public static final String NAME = "pairwise";

    public PairwiseAlltoall() {
        super(NAME, Collective.ALLTOALL);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        AlltoallArgs a = AlltoallArgs.of(args, size);
        ScheduleBuilder b = new ScheduleBuilder();
        b.copy(a.sendBlock(rank), a.recvBlock(rank));
        boolean pow2 = isPow2(size);
        for (int i = 1; i < size; i++) {
            int dst = pow2 ? rank ^ i : mod(rank + i, size);
            int src = pow2 ? rank ^ i : mod(rank - i, size);
            b.send(dst, a.sendBlock(dst));
            b.recv(src, a.recvBlock(src));
            b.round();
        }
        return b.build();
    }

    /** (p-1)(α + (n/p)β), n the bytes a rank sends in total (MPICH comments; Thakur et al. 2005, §4.6). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return (p - 1) * (m.alpha() + bytes / (double) p * m.beta());
    }
}
