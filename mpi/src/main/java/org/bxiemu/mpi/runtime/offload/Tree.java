package org.bxiemu.mpi.runtime.offload;

import java.util.ArrayList;
import java.util.List;

/**
 * The binomial tree over relative ranks v = (rank - root) mod p, in communicator ranks: the
 * parent of v is v - lowbit(v); its children are v + 2^k for 2^k &lt; lowbit(v) (any 2^k for the
 * root) below p. Children are listed largest subtree first, the order data should go down in.
 *
 * @param parent the parent's rank, -1 at the root
 * @param children the children's ranks
 * @param indexAtParent k such that this rank is its parent's child v + 2^k (-1 at the root)
 * @param childIndices for each child, its k
 */
record Tree(int parent, int indexAtParent, List<Integer> children, List<Integer> childIndices) {

    static Tree of(int rank, int root, int size) {
        int v = Math.floorMod(rank - root, size);
        int lowbit = v == 0 ? Integer.highestOneBit(Math.max(1, size - 1)) << 1 : Integer.lowestOneBit(v);
        List<Integer> children = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int k = 30; k >= 0; k--) {
            int m = 1 << k;
            if (m < lowbit && v + m < size) {
                children.add((v + m + root) % size);
                indices.add(k);
            }
        }
        if (v == 0) return new Tree(-1, -1, List.copyOf(children), List.copyOf(indices));
        return new Tree((v - lowbit + root) % size, Integer.numberOfTrailingZeros(lowbit), List.copyOf(children),
                List.copyOf(indices));
    }

    /** The parent and the children. */
    java.util.SortedSet<Integer> neighbours() {
        java.util.SortedSet<Integer> all = new java.util.TreeSet<>(children);
        if (parent >= 0) all.add(parent);
        return all;
    }

    boolean isRoot() {
        return parent < 0;
    }
}
