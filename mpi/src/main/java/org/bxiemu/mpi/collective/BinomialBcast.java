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

    /**
     * When the last rank holds the data. Every rank posts its sends in one round, largest subtree
     * first, and they leave one after the other, max(g, nβ) apart (LogGP: the sender's gap, or the
     * link still busy with the previous message); each arrives α + nβ after it leaves. A rank's data
     * therefore arrives after the sum, over the hops from the root, of α + nβ + (j − 1)·max(g, nβ),
     * j the hop's place among its sender's sends.
     *
     * <p>For p a power of two the latest rank is p − 1, reached by first sends only: ⌈lg p⌉(α + nβ),
     * the textbook figure (MPICH comments; Thakur, Rabenseifner &amp; Gropp 2005, §4.2), as long as
     * max(g, nβ) ≤ α + nβ. For other p that figure is wrong for this schedule: it charges every
     * send a whole α, as if a rank sent one message at a time and each took α + nβ of its time
     * (blocking sends), but the α of consecutive sends overlaps. With p = 6, rank 3 gets its data
     * after 2(α + nβ) + max(g, nβ), not 3(α + nβ) (33 % less when α dominates); the emulator on the
     * ideal-network platform gives the former (IdealNetworkTest).
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        double hop = m.alpha() + bytes * m.beta();
        double spacing = Math.max(m.gap(), bytes * m.beta());
        double[] arrival = new double[p]; // by rank relative to the root
        double last = 0;
        for (int vr = 1; vr < p; vr++) {
            int low = Integer.lowestOneBit(vr);
            int parent = vr - low;
            // the parent sends to parent + mask for mask = its first child's distance down to 1
            int first = parent == 0 ? Integer.highestOneBit(p - 1) : Integer.lowestOneBit(parent) >> 1;
            int before = 0;
            for (int mask = first; mask > low; mask >>= 1) {
                if (parent + mask < p) {
                    before++;
                }
            }
            arrival[vr] = arrival[parent] + hop + before * spacing;
            last = Math.max(last, arrival[vr]);
        }
        return last;
    }
}
