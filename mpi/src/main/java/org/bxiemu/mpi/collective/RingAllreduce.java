package org.bxiemu.mpi.collective;

/**
 * Ring allreduce (Patarasuk &amp; Yuan 2009; the "ring" of Open MPI, NCCL, MPICH's JSON tuning): the
 * vector is cut into p blocks of count/p elements, the first count mod p one element longer.
 * Reduce-scatter: in step s = 0..p-2 rank r sends block (r - s) mod p to r + 1, receives block
 * (r - s - 1) mod p from r - 1 and reduces it; afterwards rank r holds the reduced block
 * (r + 1) mod p. Allgather: in step s = 0..p-2 rank r sends block (r + 1 - s) mod p to r + 1 and
 * receives block (r - s) mod p. Works for any p (no power-of-two requirement); p - 1 + p - 1
 * communication rounds.
 */
public final class RingAllreduce extends AbstractAllreduce {
    public static final String NAME = "ring";

    public RingAllreduce() {
        super(NAME);
    }

    @Override
    void plan(ScheduleBuilder b, int rank, int size, Buffer send, Buffer recv, ReduceOp op) {
        int[] cnt = blockCounts(send.count(), size);
        int[] disp = displacements(cnt);
        Buffer tmp = b.scratch(send.datatype(), cnt[0], real(send, recv));
        int left = mod(rank - 1, size);
        int right = mod(rank + 1, size);
        for (int s = 0; s < size - 1; s++) {
            int sb = mod(rank - s, size);
            int rb = mod(rank - s - 1, size);
            Slice in = tmp.slice(0, cnt[rb]);
            b.send(right, (s == 0 ? send : recv).slice(disp[sb], cnt[sb]));
            b.recv(left, in);
            if (s == 0) {
                b.copy(send.all(), recv.all());
            }
            b.round();
            b.reduce(op, in, recv.slice(disp[rb], cnt[rb]));
            b.round();
        }
        for (int s = 0; s < size - 1; s++) {
            int sb = mod(rank + 1 - s, size);
            int rb = mod(rank - s, size);
            b.send(right, recv.slice(disp[sb], cnt[sb]));
            b.recv(left, recv.slice(disp[rb], cnt[rb]));
            b.round();
        }
    }

    /**
     * 2(p-1)α + 2((p-1)/p)nβ + ((p-1)/p)nγ (Patarasuk &amp; Yuan 2009; Thakur, Rabenseifner &amp;
     * Gropp 2005 give the same bandwidth term for reduce-scatter + allgather).
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        double frac = (p - 1) / (double) p;
        return 2 * (p - 1) * m.alpha() + 2 * frac * bytes * m.beta() + frac * bytes * m.gamma();
    }
}
