package org.bxiemu.mpi.collective;

import java.util.List;

/**
 * Binomial-tree scatter (MPICH {@code MPIR_Scatter_intra_binomial}) from any root, any p: the
 * mirror of {@link BinomialGather}. The root (after rotating its send buffer into relative-rank
 * order in a scratch buffer when root ≠ 0) sends each child its subtree's blocks, all in one
 * round, largest subtree first, and copies its own block; an inner rank receives its subtree's
 * blocks from its parent into a scratch buffer, then forwards the children's parts and keeps its
 * own; a leaf receives straight into its receive buffer.
 */
public final class BinomialScatter extends AbstractAlgorithm {
    public static final String NAME = "binomial";

    public BinomialScatter() {
        super(NAME, Collective.SCATTER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        checkRoot(args.root(), size);
        int root = args.root();
        Buffer recv = need(args.recv(), "receive");
        int blk = recv.count();
        Buffer send = null;
        if (rank == root) {
            send = need(args.send(), "send (on the root)");
            sameType(send, recv, "scatter");
            hasCount(send, (long) size * blk, "scatter send");
        }
        BinomialTree t = BinomialTree.of(rank, root, size);
        ScheduleBuilder b = new ScheduleBuilder();
        if (t.children().isEmpty()) {
            if (t.parent() >= 0) {
                b.recv(mod(t.parent() + root, size), recv.all());
            } else {
                b.copy(send.all(), recv.all()); // p = 1
            }
            return b.build();
        }
        Buffer src;
        if (t.parent() >= 0) {
            src = b.scratch(recv.datatype(), t.subtree() * blk, real(recv));
            b.recv(mod(t.parent() + root, size), src.all());
            b.round();
        } else if (root == 0) {
            src = send;
        } else {
            src = b.scratch(recv.datatype(), size * blk, real(send, recv));
            b.copy(send.slice(root * blk, (size - root) * blk), src.slice(0, (size - root) * blk));
            b.copy(send.slice(0, root * blk), src.slice((size - root) * blk, root * blk));
            b.round();
        }
        List<Integer> children = t.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            int c = children.get(i);
            int off = c - t.vr();
            b.send(mod(c + root, size), src.slice(off * blk, BinomialTree.subtreeOf(c, size) * blk));
        }
        b.copy(src.slice(0, blk), recv.all());
        return b.build();
    }

    /** ⌈lg p⌉α + ((p-1)/p)nβ, n the total scattered bytes (Thakur, Rabenseifner &amp; Gropp 2005, §4.3). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * m.alpha() + (p - 1) / (double) p * bytes * m.beta();
    }
}
