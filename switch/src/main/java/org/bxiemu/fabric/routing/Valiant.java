package org.bxiemu.fabric.routing;

import java.util.SplittableRandom;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;

/**
 * Valiant routing for dragonflies (Valiant 1982; as in Kim et al. 2008): each packet goes
 * minimally to a router of a randomly chosen intermediate group, then minimally to its
 * destination, trading path length (at most 5 switch-to-switch hops: local, global, local,
 * global, local) for load spread over all global links under adversarial traffic.
 *
 * <p>The tables are the {@link Minimal} ones. The per-packet choice is the caller's: at the
 * packet's first switch, {@link #intermediateSwitch} draws the intermediate group from the
 * supplied random stream; the packet then follows {@link RoutingTables#portToSwitch} until it
 * reaches that switch, then {@link RoutingTables#port} to its destination. When the tables say
 * the intermediate switch is unreachable (−1 after failures), the packet goes minimally.
 */
public final class Valiant implements Routing {
    public static final String NAME = "valiant";

    private final FabricGraph graph;
    private final Minimal minimal;

    public Valiant(FabricGraph graph) {
        this.graph = graph;
        this.minimal = new Minimal(graph, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutingTables tables() {
        return minimal.tables().named(NAME);
    }

    /**
     * The switch a packet from {@code srcSw} to {@code dstNode} should first be routed to.
     *
     * <p>The intermediate group is uniform among the groups other than the source's and the
     * destination's (one draw of {@code rng.nextInt}); the switch is the router where a minimal
     * route from {@code srcSw} enters that group, so the detour adds no local hop there. When
     * the destination is in the source group, or no third group exists, there is nothing to
     * spread: the answer is {@code srcSw} itself (the first leg is empty) and {@code rng} is not
     * used.
     */
    public int intermediateSwitch(int srcSw, int dstNode, SplittableRandom rng) {
        Dragonfly d = minimal.dragonfly();
        int from = graph.group(srcSw);
        int to = graph.group(graph.attachedSwitch(dstNode));
        if (from == to || d.groups() < 3) return srcSw;
        int pick = rng.nextInt(d.groups() - 2);
        // the pick-th group in increasing order, skipping the two excluded ones
        int low = Math.min(from, to);
        int high = Math.max(from, to);
        int group = pick < low ? pick : pick + 1 < high ? pick + 1 : pick + 2;
        return minimal.entryRouter(srcSw, group);
    }
}
