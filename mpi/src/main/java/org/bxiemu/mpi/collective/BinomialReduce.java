package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * Binomial-tree reduce to any root (MPICH {@code MPIR_Reduce_intra_binomial}, commutative case).
 * With relative rank vr = (r - root) mod p, a rank receives and reduces the partial results of its
 * children vr + 2^k (2^k &lt; lowbit(vr), vr + 2^k &lt; p, smallest subtree first) into an
 * accumulator (the receive buffer on the root, a scratch buffer elsewhere), then sends the
 * accumulator to its parent vr - lowbit(vr). Two scratch receive buffers alternate so that
 * reducing child k overlaps receiving child k+1. A non-power-of-two p truncates the tree; leaves
 * send their send buffer directly and allocate nothing.
 */
public final class BinomialReduce extends AbstractAlgorithm {
    public static final String NAME = "binomial";

    public BinomialReduce() {
        super(NAME, Collective.REDUCE);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        checkRoot(args.root(), size);
        int root = args.root();
        Buffer send = need(args.send(), "send");
        Buffer recv = null;
        if (rank == root) {
            recv = need(args.recv(), "receive (on the root)");
            sameShape(send, recv, "reduce");
        }
        boolean real = real(send, recv);
        int n = send.count();
        int vr = mod(rank - root, size);
        List<Integer> children = new ArrayList<>();
        int parent = -1;
        for (int mask = 1; mask < size; mask <<= 1) {
            if ((vr & mask) == 0) {
                int child = vr | mask;
                if (child < size) {
                    children.add(mod(child + root, size));
                }
            } else {
                parent = mod((vr & ~mask) + root, size);
                break;
            }
        }
        ScheduleBuilder b = new ScheduleBuilder();
        if (children.isEmpty()) {
            if (parent >= 0) {
                b.send(parent, send.all());
            } else {
                b.copy(send.all(), recv.all()); // p = 1
            }
            return b.build();
        }
        Buffer acc = rank == root ? recv : b.scratch(send.datatype(), n, real);
        Buffer[] tmp = new Buffer[Math.min(2, children.size())];
        for (int i = 0; i < tmp.length; i++) {
            tmp[i] = b.scratch(send.datatype(), n, real);
        }
        b.copy(send.all(), acc.all());
        for (int k = 0; k < children.size(); k++) {
            b.recv(children.get(k), tmp[k % tmp.length].all());
            b.round();
            b.reduce(args.op(), tmp[k % tmp.length].all(), acc.all());
            // the next receive goes into the other buffer, in this same round
        }
        b.round();
        if (parent >= 0) {
            b.send(parent, acc.all());
        }
        return b.build();
    }

    /** ⌈lg p⌉(α + nβ + nγ) (MPICH comments; Thakur, Rabenseifner &amp; Gropp 2005, §4.4). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * (m.alpha() + bytes * (m.beta() + m.gamma()));
    }
}
