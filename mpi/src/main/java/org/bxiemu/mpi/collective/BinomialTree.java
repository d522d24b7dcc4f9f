package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * The binomial tree over relative ranks vr = (r - root) mod p used by gather and scatter: the
 * parent of vr is vr - lowbit(vr), its children are vr + 2^k for 2^k &lt; lowbit(vr) (any 2^k for
 * the root) with vr + 2^k &lt; p, and the subtree of vr is the contiguous range
 * [vr, vr + min(lowbit(vr), p - vr)) (all of [0, p) for the root).
 *
 * @param vr this rank's relative rank
 * @param parent the parent's relative rank, -1 for the root
 * @param subtree number of relative ranks in this rank's subtree (itself included)
 * @param children children's relative ranks, in increasing order
 */
record BinomialTree(int vr, int parent, int subtree, List<Integer> children) {

    static BinomialTree of(int rank, int root, int size) {
        int vr = AbstractAlgorithm.mod(rank - root, size);
        List<Integer> children = new ArrayList<>();
        int parent = -1;
        for (int mask = 1; mask < size; mask <<= 1) {
            if ((vr & mask) != 0) {
                parent = vr - mask;
                break;
            }
            if (vr + mask < size) {
                children.add(vr + mask);
            }
        }
        int subtree = vr == 0 ? size : Math.min(Integer.lowestOneBit(vr), size - vr);
        return new BinomialTree(vr, parent, subtree, List.copyOf(children));
    }

    /** Size of the subtree rooted at child {@code c} (a relative rank). */
    static int subtreeOf(int c, int size) {
        return Math.min(Integer.lowestOneBit(c), size - c);
    }
}
