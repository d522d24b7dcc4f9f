package org.bxiemu.fabric.topology;

import java.util.Arrays;
import org.bxiemu.engine.BadInputException;

/**
 * A dragonfly (Kim, Dally, Scott, Abts, ISCA 2008): {@code groups} groups of
 * {@code routersPerGroup} (a) routers, each with {@code nodesPerRouter} (p) nodes and
 * {@code globalLinksPerRouter} (h) global links; the routers of a group are linked all to all.
 * The balanced choice is a = 2p = 2h; other choices are accepted. At most a·h + 1 groups, so
 * that every group reaches every other one directly.
 *
 * <p>Router {@code s} is router {@code s % a} of group {@code s / a}; node {@code i} is on router
 * {@code i / p}, port {@code i % p}. Router ports: {@code 0..p−1} nodes; {@code p..p+a−2} local
 * links (to the group's other routers, in router order); {@code p+a−1..p+a+h−2} global links.
 *
 * <p>Global links follow the consecutive ("absolute") arrangement: a group's global slots
 * {@code j = r·h + i} (router r, its i-th global port) are dealt to the other groups in
 * increasing order, round after round: slot j goes to the {@code (j mod (g−1))}-th other group.
 * Only whole rounds are cabled, so each pair of groups is joined by exactly
 * {@code ⌊a·h / (g−1)⌋} global links (one when g = a·h + 1) and leftover slots stay unused.
 */
public record Dragonfly(int groups, int routersPerGroup, int nodesPerRouter, int globalLinksPerRouter, int radix)
        implements Topology {
    public static final String NAME = "dragonfly";
    static final String KEY = "switch.dragonfly";

    public Dragonfly {
        Parameters.checkRadix(radix);
        Parameters.atLeast(KEY + ".groups", groups, 2);
        Parameters.atLeast(KEY + ".routers-per-group", routersPerGroup, 1);
        Parameters.atLeast(KEY + ".nodes-per-router", nodesPerRouter, 1);
        Parameters.atLeast(KEY + ".global-links-per-router", globalLinksPerRouter, 1);
        long globalSlots = (long) routersPerGroup * globalLinksPerRouter;
        if (groups > globalSlots + 1) {
            throw new BadInputException(KEY + ".groups: " + groups + " groups need " + (groups - 1)
                    + " global links per group to reach every other group, a group has routers-per-group × "
                    + "global-links-per-router = " + routersPerGroup + " × " + globalLinksPerRouter + " = "
                    + globalSlots + " (at most " + (globalSlots + 1) + " groups)");
        }
        long ports = (long) nodesPerRouter + routersPerGroup - 1 + globalLinksPerRouter;
        if (ports > radix) {
            throw new BadInputException(Parameters.RADIX_KEY + ": a dragonfly router needs nodes-per-router + "
                    + "routers-per-group − 1 + global-links-per-router = " + nodesPerRouter + " + "
                    + (routersPerGroup - 1) + " + " + globalLinksPerRouter + " = " + ports + " ports, "
                    + Parameters.RADIX_KEY + " is " + radix);
        }
        Parameters.product(KEY, "routers", FabricGraph.MAX_SWITCHES, groups, routersPerGroup);
        Parameters.product(KEY, "nodes", FabricGraph.MAX_NODES, groups, routersPerGroup, nodesPerRouter);
    }

    @Override
    public String name() {
        return NAME;
    }

    public int routers() {
        return groups * routersPerGroup;
    }

    public int nodes() {
        return routers() * nodesPerRouter;
    }

    public int groupOf(int router) {
        return router / routersPerGroup;
    }

    public int router(int group, int indexInGroup) {
        return group * routersPerGroup + indexInGroup;
    }

    /** Global links between each pair of groups. */
    public int linksPerGroupPair() {
        return routersPerGroup * globalLinksPerRouter / (groups - 1);
    }

    /** The port of router {@code from} that goes to router {@code to} of the same group. */
    public int localPort(int from, int to) {
        int f = from % routersPerGroup;
        int t = to % routersPerGroup;
        return nodesPerRouter + (t < f ? t : t - 1);
    }

    /** The port of a router's {@code i}-th global link. */
    public int globalPort(int i) {
        return nodesPerRouter + routersPerGroup - 1 + i;
    }

    @Override
    public FabricGraph build() {
        int[] radices = new int[routers()];
        Arrays.fill(radices, radix);
        FabricGraph.Builder b = FabricGraph.builder(this, KEY, radices, nodes());
        for (int node = 0; node < nodes(); node++) b.attach(node, node / nodesPerRouter, node % nodesPerRouter);
        for (int r = 0; r < routers(); r++) {
            b.group(r, groupOf(r));
            for (int other = r + 1; other < router(groupOf(r) + 1, 0); other++) {
                b.link(r, localPort(r, other), other, localPort(other, r));
            }
        }
        int cabledSlots = linksPerGroupPair() * (groups - 1);
        for (int g = 0; g < groups; g++) {
            for (int slot = 0; slot < cabledSlots; slot++) {
                int round = slot / (groups - 1);
                int target = otherGroup(g, slot % (groups - 1));
                if (target < g) continue; // cabled from the lower group
                int back = round * (groups - 1) + (g < target ? g : g - 1);
                b.link(slotRouter(g, slot), slotPort(slot), slotRouter(target, back), slotPort(back));
            }
        }
        return b.build();
    }

    /** The {@code i}-th group other than {@code g}, in increasing order. */
    private static int otherGroup(int g, int i) {
        return i < g ? i : i + 1;
    }

    private int slotRouter(int group, int slot) {
        return router(group, slot / globalLinksPerRouter);
    }

    private int slotPort(int slot) {
        return globalPort(slot % globalLinksPerRouter);
    }
}
