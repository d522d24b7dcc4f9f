package org.bxiemu.mpi.collective;

/**
 * Recursive-doubling allreduce (MPICH {@code MPIR_Allreduce_intra_recursive_doubling}): lg p'
 * steps in which rank pairs at distance 1, 2, 4, ... exchange their whole vectors and reduce.
 *
 * <p>Non-power-of-two p: with p' the largest power of two ≤ p and rem = p - p', the first 2·rem
 * ranks pair up: each even rank r &lt; 2·rem sends its vector to r + 1 and sits out; the odd one
 * reduces it and takes part as "new rank" r/2; ranks ≥ 2·rem take part as r - rem. After the p'
 * ranks finished, each odd rank r &lt; 2·rem sends the result back to r - 1 (unfold).
 */
public final class RecursiveDoublingAllreduce extends AbstractAllreduce {
    public static final String NAME = "recursive-doubling";

    public RecursiveDoublingAllreduce() {
        super(NAME);
    }

    @Override
    void plan(ScheduleBuilder b, int rank, int size, Buffer send, Buffer recv, ReduceOp op) {
        int n = send.count();
        int pof2 = floorPow2(size);
        int rem = size - pof2;
        Buffer tmp = null;
        boolean copied = false; // whether recv holds this rank's running result
        int newrank;
        if (rank < 2 * rem) {
            if (rank % 2 == 0) {
                b.send(rank + 1, send.all());
                b.round();
                newrank = -1;
            } else {
                tmp = b.scratch(send.datatype(), n, real(send, recv));
                b.copy(send.all(), recv.all());
                b.recv(rank - 1, tmp.all());
                b.round();
                b.reduce(op, tmp.all(), recv.all());
                b.round();
                copied = true;
                newrank = rank / 2;
            }
        } else {
            newrank = rank - rem;
        }
        if (newrank >= 0) {
            if (tmp == null) {
                tmp = b.scratch(send.datatype(), n, real(send, recv));
            }
            for (int mask = 1; mask < pof2; mask <<= 1) {
                int newdst = newrank ^ mask;
                int dst = newdst < rem ? newdst * 2 + 1 : newdst + rem;
                b.send(dst, (copied ? recv : send).all());
                b.recv(dst, tmp.all());
                if (!copied) {
                    b.copy(send.all(), recv.all());
                    copied = true;
                }
                b.round();
                b.reduce(op, tmp.all(), recv.all());
                b.round();
            }
        }
        if (rank < 2 * rem) {
            if (rank % 2 == 1) {
                b.send(rank - 1, recv.all());
            } else {
                b.recv(rank + 1, recv.all());
            }
        }
    }

    /**
     * Power of two: lg p (α + nβ + nγ) (MPICH comments; Thakur, Rabenseifner &amp; Gropp 2005,
     * §4.5). Otherwise (derived) the fold step α + nβ + nγ and the unfold step α + nβ are added
     * to ⌊lg p⌋ full steps: (⌊lg p⌋ + 2)(α + nβ) + (⌊lg p⌋ + 1)nγ.
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        int steps = floorLog2(p);
        double step = m.alpha() + bytes * m.beta();
        double red = bytes * m.gamma();
        if (isPow2(p)) {
            return steps * (step + red);
        }
        return (steps + 2) * step + (steps + 1) * red;
    }
}
