package org.bxiemu.mpi.collective;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rabenseifner's allreduce (MPICH {@code MPIR_Allreduce_intra_reduce_scatter_allgather}): a
 * reduce-scatter by recursive halving (lg p' steps; the vector is cut into p' blocks of count/p'
 * elements, the first count mod p' one element longer; at each step a rank keeps half of its
 * current range of blocks, sends the other half to its partner, and reduces what it receives), then
 * an allgather by recursive doubling that retraces the same steps backwards.
 *
 * <p>Non-power-of-two p: exactly as MPICH, with p' the largest power of two ≤ p and rem = p - p',
 * each even rank r &lt; 2·rem first sends its whole vector to r + 1 and sits out; the odd one
 * reduces it and takes part as r/2; ranks ≥ 2·rem take part as r - rem; at the end each odd rank
 * r &lt; 2·rem sends the whole result to r - 1. Counts smaller than p' give empty blocks: their
 * zero-byte messages are still exchanged (both sides agree), so the message count is fixed.
 */
public final class RabenseifnerAllreduce extends AbstractAllreduce {
    public static final String NAME = "rabenseifner";

    public RabenseifnerAllreduce() {
        super(NAME);
    }

    @Override
    void plan(ScheduleBuilder b, int rank, int size, Buffer send, Buffer recv, ReduceOp op) {
        int n = send.count();
        int pof2 = floorPow2(size);
        int rem = size - pof2;
        Buffer tmp = b.scratch(send.datatype(), n, real(send, recv));
        boolean copied = false;
        int newrank;
        if (rank < 2 * rem) {
            if (rank % 2 == 0) {
                b.send(rank + 1, send.all());
                b.round();
                newrank = -1;
            } else {
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
            int[] disp = displacements(blockCounts(n, pof2));
            int lo = 0;
            int hi = pof2;
            Deque<int[]> parents = new ArrayDeque<>();
            // Reduce-scatter by recursive halving.
            for (int mask = 1; mask < pof2; mask <<= 1) {
                int dst = realRank(newrank ^ mask, rem);
                int half = (hi - lo) / 2;
                int keepLo;
                int keepHi;
                int giveLo;
                int giveHi;
                if ((newrank & mask) == 0) {
                    keepLo = lo;
                    keepHi = lo + half;
                    giveLo = lo + half;
                    giveHi = hi;
                } else {
                    keepLo = lo + half;
                    keepHi = hi;
                    giveLo = lo;
                    giveHi = lo + half;
                }
                Slice out = blocks(copied ? recv : send, disp, giveLo, giveHi);
                Slice in = blocks(tmp, disp, keepLo, keepHi);
                b.send(dst, out);
                b.recv(dst, in);
                if (!copied) {
                    b.copy(send.all(), recv.all());
                    copied = true;
                }
                b.round();
                b.reduce(op, in, blocks(recv, disp, keepLo, keepHi));
                b.round();
                parents.push(new int[] {lo, hi});
                lo = keepLo;
                hi = keepHi;
            }
            // Allgather by recursive doubling, retracing the halving steps.
            for (int mask = pof2 >> 1; mask > 0; mask >>= 1) {
                int dst = realRank(newrank ^ mask, rem);
                int[] parent = parents.pop();
                int otherLo = lo == parent[0] ? hi : parent[0];
                int otherHi = lo == parent[0] ? parent[1] : lo;
                b.send(dst, blocks(recv, disp, lo, hi));
                b.recv(dst, blocks(recv, disp, otherLo, otherHi));
                b.round();
                lo = parent[0];
                hi = parent[1];
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

    private static int realRank(int newrank, int rem) {
        return newrank < rem ? newrank * 2 + 1 : newrank + rem;
    }

    private static Slice blocks(Buffer buf, int[] disp, int from, int to) {
        return buf.slice(disp[from], disp[to] - disp[from]);
    }

    /**
     * Power of two: 2 lg p α + 2((p-1)/p)nβ + ((p-1)/p)nγ (Thakur, Rabenseifner &amp; Gropp 2005,
     * §4.5; Rabenseifner 2004). Otherwise, with p' the largest power of two ≤ p, the same on p' plus
     * the fold α + nβ + nγ and the unfold α + nβ (derived; the paper gives the same extra steps).
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        int pof2 = floorPow2(p);
        double frac = (pof2 - 1) / (double) pof2;
        double t = 2 * floorLog2(pof2) * m.alpha() + 2 * frac * bytes * m.beta() + frac * bytes * m.gamma();
        if (pof2 != p) {
            t += 2 * m.alpha() + 2 * bytes * m.beta() + bytes * m.gamma();
        }
        return t;
    }
}
