package org.bxiemu.mpi.runtime.offload;

import org.bxiemu.mpi.collective.Buffer;

/**
 * Binomial-tree broadcast on the NIC (Hemmert et al., EuroMPI 2010): each non-root posts an
 * entry for the data, then signals its parent that it may send; a rank forwards the data to all
 * its children (largest subtree first) with triggered Puts once its one counter has seen the data
 * (non-roots) and every child's signal. Any p, any size (a Put is not size-limited); the data
 * goes straight into the rank's buffer, no copy.
 */
final class TriggeredBcast implements TriggeredAlgorithm {
    private final Buffer buffer;
    private final int root;
    private long address;

    TriggeredBcast(Buffer buffer, int root) {
        this.buffer = buffer;
        this.root = root;
    }

    @Override
    public int counters() {
        return 1;
    }

    @Override
    public java.util.SortedSet<Integer> peers(Members members) {
        return Tree.of(members.rank(), root, members.size()).neighbours();
    }

    @Override
    public End post(Chain chain) {
        Members m = chain.members();
        Tree tree = Tree.of(m.rank(), root, m.size());
        long bytes = buffer.bytes();
        address = chain.allocate(bytes);
        if (tree.isRoot() && buffer.isReal()) chain.port().write(address, Bytes.of(buffer));
        for (int i = 0; i < tree.children().size(); i++) {
            chain.expect(OffloadBits.READY + tree.childIndices().get(i), 0, 0, 0, true);
        }
        long threshold = tree.children().size();
        if (!tree.isRoot()) {
            chain.expect(OffloadBits.DATA, address, bytes, 0, true);
            threshold++;
        }
        for (int child : tree.children()) chain.triggeredPut(child, OffloadBits.DATA, address, bytes, 0, threshold);
        if (!tree.isRoot()) chain.put(tree.parent(), OffloadBits.READY + tree.indexAtParent(), 0, 0);
        return new End(0, threshold);
    }

    @Override
    public void finish(Chain chain) {
        if (chain.members().rank() == root || !buffer.isReal() || buffer.bytes() == 0) return;
        byte[] data = chain.port().read(address, buffer.bytes());
        if (data.length == buffer.bytes()) Bytes.into(data, buffer);
    }
}
