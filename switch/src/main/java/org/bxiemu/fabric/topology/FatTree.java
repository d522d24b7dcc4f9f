package org.bxiemu.fabric.topology;

import java.util.Arrays;
import org.bxiemu.engine.BadInputException;

/**
 * A k-ary n-tree, optionally tapered: the extended generalised fat tree
 * XGFT(n; k,…,k; 1,w,…,w) of Öhring et al. (1995) with {@code w = uplinks}.
 *
 * <p>Levels are counted from 0 (leaves) to {@code levels − 1} (top). There are
 * {@code k^levels} nodes; level {@code l} has {@code k^(levels−1−l) · uplinks^l} switches, so a
 * full tree ({@code uplinks = k}) has {@code k^(levels−1)} switches per level and a tapered
 * one shrinks by {@code uplinks/k} per level going up (bisection tapered by that ratio).
 *
 * <p>Switch {@code s} of level {@code l} (numbered level by level, leaves first) is written
 * {@code s = a · uplinks^l + b}: {@code a} (in base k) says which subtree it serves — the nodes
 * {@code d} with {@code d / k^(l+1) = a} — and {@code b} (in base uplinks, {@code l} digits)
 * which of the parallel switches serving it this is. Ports {@code 0..k−1} go down (port
 * {@code j} towards child subtree {@code a·k + j}; on a leaf, node {@code a·k + j}); ports
 * {@code k..k+uplinks−1} go up: up port {@code k + q} reaches the parent with the same
 * {@code a / k} and {@code b + q · uplinks^l}. The top level uses its k down ports only.
 */
public record FatTree(int k, int levels, int uplinks, int radix) implements Topology {
    public static final String NAME = "fat-tree";
    static final String KEY = "switch.fat-tree";
    public static final int MIN_LEVELS = 2;
    public static final int MAX_LEVELS = 4;

    public FatTree {
        Parameters.checkRadix(radix);
        Parameters.atLeast(KEY + ".k", k, 2);
        if (levels < MIN_LEVELS || levels > MAX_LEVELS) {
            throw new BadInputException(KEY + ".levels: " + levels + " is out of range " + MIN_LEVELS + ".."
                    + MAX_LEVELS + " (one level is a star: switch.topology = star)");
        }
        if (uplinks < 1 || uplinks > k) {
            throw new BadInputException(KEY + ".uplinks: " + uplinks + " is out of range 1.." + k + " ("
                    + KEY + ".k; equal to k for full bisection)");
        }
        if (k + uplinks > radix) {
            throw new BadInputException(Parameters.RADIX_KEY + ": a fat-tree switch below the top needs k + uplinks = "
                    + k + " + " + uplinks + " = " + (k + uplinks) + " ports, " + Parameters.RADIX_KEY + " is " + radix);
        }
        Parameters.product(KEY, "nodes (k^levels)", FabricGraph.MAX_NODES, repeat(k, levels));
    }

    @Override
    public String name() {
        return NAME;
    }

    public int nodes() {
        return pow(k, levels);
    }

    public int switchesAtLevel(int level) {
        return pow(k, levels - 1 - level) * pow(uplinks, level);
    }

    /** Index of the first switch of a level (levels are numbered leaves first). */
    public int firstSwitch(int level) {
        int first = 0;
        for (int l = 0; l < level; l++) first += switchesAtLevel(l);
        return first;
    }

    public int switches() {
        return firstSwitch(levels);
    }

    /** The port of a non-top switch that goes to its {@code q}-th parent. */
    public int upPort(int q) {
        return k + q;
    }

    @Override
    public FabricGraph build() {
        int[] radices = new int[switches()];
        Arrays.fill(radices, radix);
        FabricGraph.Builder b = FabricGraph.builder(this, KEY, radices, nodes());
        for (int node = 0; node < nodes(); node++) b.attach(node, node / k, node % k);
        for (int level = 0; level < levels; level++) {
            int first = firstSwitch(level);
            int parallel = pow(uplinks, level); // switches serving the same subtree at this level
            for (int s = 0; s < switchesAtLevel(level); s++) {
                b.level(first + s, level);
                if (level == levels - 1) continue;
                int subtree = s / parallel;
                int copy = s % parallel;
                int parentFirst = firstSwitch(level + 1);
                for (int q = 0; q < uplinks; q++) {
                    int parent = parentFirst + (subtree / k) * parallel * uplinks + copy + q * parallel;
                    b.link(first + s, upPort(q), parent, subtree % k);
                }
            }
        }
        return b.build();
    }

    static int pow(int base, int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) p *= base;
        return p;
    }

    private static long[] repeat(long value, int times) {
        long[] a = new long[Math.max(0, times)];
        Arrays.fill(a, value);
        return a;
    }
}
