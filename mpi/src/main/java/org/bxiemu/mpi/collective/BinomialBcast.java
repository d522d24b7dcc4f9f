package org.bxiemu.mpi.collective;

/**
 * Binomial-tree broadcast (MPICH {@code MPIR_Bcast_intra_binomial}). With relative rank
 * vr = (r - root) mod p, a rank receives the whole buffer from vr - lowbit(vr) and then sends it to
 * vr + 2^k for every 2^k &lt; lowbit(vr) with vr + 2^k &lt; p; the sends go in one round, largest
 * subtree first. A non-power-of-two p simply truncates the tree (children ≥ p do not exist).
 */
public final class BinomialBcast extends AbstractAlgorithm {
    public static final String NAME = "binomial";

    public BinomialBcast() {
        super(NAME, Collective.BCAST);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        checkRoot(args.root(), size);
        Buffer buf = need(args.send(), "bcast");
        int root = args.root();
        int vr = mod(rank - root, size);
        ScheduleBuilder b = new ScheduleBuilder();
        int mask = 1;
        while (mask < size) {
            if ((vr & mask) != 0) {
                b.recv(mod(rank - mask, size), buf.all());
                b.round();
                break;
            }
            mask <<= 1;
        }
        for (mask >>= 1; mask > 0; mask >>= 1) {
            if (vr + mask < size) {
                b.send(mod(rank + mask, size), buf.all());
            }
        }
        return b.build();
    }

    /** ⌈lg p⌉(α + nβ) (MPICH comments; Thakur, Rabenseifner &amp; Gropp 2005, §4.2). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * (m.alpha() + bytes * m.beta());
    }
}
