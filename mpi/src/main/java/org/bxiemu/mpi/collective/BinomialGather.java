package org.bxiemu.mpi.collective;

/**
 * Binomial-tree gather (MPICH {@code MPIR_Gather_intra_binomial}) to any root, any p. Every rank
 * with children collects its subtree's blocks, in relative-rank order, in a scratch buffer (the
 * root 0 uses its receive buffer directly): first round its own block plus one receive per child
 * (all concurrent, disjoint regions); second round one send of the whole subtree to its parent, or,
 * on a root ≠ 0, two copies rotating relative order into rank order. Leaves send their send buffer
 * directly. A non-power-of-two p truncates the tree (subtrees at the top end are smaller).
 */
public final class BinomialGather extends AbstractAlgorithm {
    public static final String NAME = "binomial";

    public BinomialGather() {
        super(NAME, Collective.GATHER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        checkRoot(args.root(), size);
        int root = args.root();
        Buffer send = need(args.send(), "send");
        int blk = send.count();
        Buffer recv = null;
        if (rank == root) {
            recv = need(args.recv(), "receive (on the root)");
            sameType(send, recv, "gather");
            hasCount(recv, (long) size * blk, "gather receive");
        }
        BinomialTree t = BinomialTree.of(rank, root, size);
        ScheduleBuilder b = new ScheduleBuilder();
        if (t.children().isEmpty()) {
            if (t.parent() >= 0) {
                b.send(mod(t.parent() + root, size), send.all());
            } else {
                b.copy(send.all(), recv.all()); // p = 1
            }
            return b.build();
        }
        Buffer acc = rank == 0 && root == 0
                ? recv
                : b.scratch(send.datatype(), t.subtree() * blk, real(send, recv));
        b.copy(send.all(), acc.slice(0, blk));
        for (int c : t.children()) {
            int off = c - t.vr();
            b.recv(mod(c + root, size), acc.slice(off * blk, BinomialTree.subtreeOf(c, size) * blk));
        }
        b.round();
        if (t.parent() >= 0) {
            b.send(mod(t.parent() + root, size), acc.all());
        } else if (acc != recv) {
            // acc block i belongs to rank (i + root) mod p.
            b.copy(acc.slice(0, (size - root) * blk), recv.slice(root * blk, (size - root) * blk));
            b.copy(acc.slice((size - root) * blk, root * blk), recv.slice(0, root * blk));
        }
        return b.build();
    }

    /** ⌈lg p⌉α + ((p-1)/p)nβ, n the total gathered bytes (Thakur, Rabenseifner &amp; Gropp 2005, §4.3). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * m.alpha() + (p - 1) / (double) p * bytes * m.beta();
    }
}
