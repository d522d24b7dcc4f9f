package org.bxiemu.mpi.collective;

/**
 * Van de Geijn broadcast for long messages (MPICH {@code MPIR_Bcast_intra_scatter_ring_allgather}):
 * the buffer is cut into p chunks of ⌈n/p⌉ elements (the last ones shorter or empty), chunk i
 * belonging to relative rank i = (r - root) mod p; a binomial scatter gives every rank its chunk
 * (each subtree's chunks are contiguous, so no packing), then a ring allgather over the relative
 * ranks circulates the chunks (p - 1 steps). Any p works: the scatter tree is truncated as in
 * {@link BinomialBcast}, the ring has no power-of-two requirement. Messages of zero elements (empty
 * chunks when n &lt; p) are skipped on both sides, as MPICH does.
 */
public final class ScatterAllgatherBcast extends AbstractAlgorithm {
    public static final String NAME = "scatter-allgather";

    public ScatterAllgatherBcast() {
        super(NAME, Collective.BCAST);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        checkRoot(args.root(), size);
        Buffer buf = need(args.send(), "bcast");
        int root = args.root();
        int n = buf.count();
        int chunk = (int) (((long) n + size - 1) / size);
        int vr = mod(rank - root, size);
        ScheduleBuilder b = new ScheduleBuilder();
        if (size == 1) {
            return b.build();
        }
        // Binomial scatter.
        int mask = 1;
        while (mask < size) {
            if ((vr & mask) != 0) {
                Slice mine = chunks(buf, chunk, vr, Math.min(vr + mask, size));
                if (mine.count() > 0) {
                    b.recv(mod(rank - mask, size), mine);
                    b.round();
                }
                break;
            }
            mask <<= 1;
        }
        for (mask >>= 1; mask > 0; mask >>= 1) {
            int child = vr + mask;
            if (child < size) {
                Slice theirs = chunks(buf, chunk, child, Math.min(child + mask, size));
                if (theirs.count() > 0) {
                    b.send(mod(rank + mask, size), theirs);
                }
            }
        }
        b.round();
        // Ring allgather over relative ranks.
        int left = mod(rank - 1, size);
        int right = mod(rank + 1, size);
        int j = vr;
        int jnext = mod(vr - 1, size);
        for (int i = 1; i < size; i++) {
            Slice out = chunks(buf, chunk, j, j + 1);
            Slice in = chunks(buf, chunk, jnext, jnext + 1);
            if (out.count() > 0) {
                b.send(right, out);
            }
            if (in.count() > 0) {
                b.recv(left, in);
            }
            b.round();
            j = jnext;
            jnext = mod(jnext - 1, size);
        }
        return b.build();
    }

    /** Elements of chunks [from, to). */
    private static Slice chunks(Buffer buf, int chunk, int from, int to) {
        int n = buf.count();
        int lo = (int) Math.min((long) from * chunk, n);
        int hi = (int) Math.min((long) to * chunk, n);
        return buf.slice(lo, hi - lo);
    }

    /**
     * Binomial scatter ⌈lg p⌉α + ((p-1)/p)nβ plus ring allgather (p-1)α + ((p-1)/p)nβ, i.e.
     * (⌈lg p⌉ + p - 1)α + 2((p-1)/p)nβ (Thakur, Rabenseifner &amp; Gropp 2005, §4.2; MPICH comments).
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        double frac = (p - 1) / (double) p;
        return (ceilLog2(p) + p - 1) * m.alpha() + 2 * frac * bytes * m.beta();
    }
}
