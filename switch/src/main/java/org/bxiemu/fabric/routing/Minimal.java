package org.bxiemu.fabric.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;

/**
 * Minimal dragonfly routing: at most one local hop in the source group, one global hop, one
 * local hop in the destination group (≤ 3 switch-to-switch hops).
 *
 * <p>When several global links join the two groups, a router takes the one that saves most local
 * hops (one it owns itself, one landing on the target router), ties going to the lowest
 * (owning router, port). Every router on the way ranks the links the same way, so the choice made
 * at the source is the one its successors make: a route never changes its mind.
 */
public final class Minimal implements Routing {
    public static final String NAME = "minimal";

    private final FabricGraph graph;
    private final Dragonfly dragonfly;
    /** For each ordered pair of groups (from · groups + to): the global links, as owner, port, landing triples. */
    private final int[][] globalLinks;

    public Minimal(FabricGraph graph) {
        this(graph, NAME);
    }

    /** For {@link Valiant}, which shares these routes and is checked under its own name. */
    Minimal(FabricGraph graph, String checkedAs) {
        if (!(graph.topology() instanceof Dragonfly d)) throw FabricManager.misfit(checkedAs, Dragonfly.NAME, graph);
        this.graph = graph;
        this.dragonfly = d;
        this.globalLinks = globalLinksByGroupPair(graph, d.groups());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutingTables tables() {
        int switches = graph.switches();
        short[][] toSwitch = new short[switches][switches];
        for (int sw = 0; sw < switches; sw++) {
            for (int target = 0; target < switches; target++) toSwitch[sw][target] = (short) port(sw, target);
        }
        return new RoutingTables(NAME, ShortestPath.nodeTable(graph, Failures.none(graph), toSwitch), toSwitch);
    }

    /** The minimal route's port from router {@code sw} towards router {@code target}. */
    int port(int sw, int target) {
        if (sw == target) return RoutingTables.UNREACHABLE;
        int from = graph.group(sw);
        int to = graph.group(target);
        if (from == to) return dragonfly.localPort(sw, target);
        int[] links = globalLinks[from * dragonfly.groups() + to];
        int best = 0;
        int bestLocalHops = Integer.MAX_VALUE;
        for (int i = 0; i < links.length; i += 3) {
            int localHops = (links[i] == sw ? 0 : 1) + (links[i + 2] == target ? 0 : 1);
            if (localHops < bestLocalHops) {
                bestLocalHops = localHops;
                best = i;
            }
        }
        return links[best] == sw ? links[best + 1] : dragonfly.localPort(sw, links[best]);
    }

    /**
     * The router of group {@code group} where a minimal route from {@code sw} enters it: the far
     * end of the global link owned by the nearest router of {@code sw}'s group (ties: lowest
     * owner, port). A minimal route from {@code sw} to that router takes this very link.
     */
    int entryRouter(int sw, int group) {
        int[] links = globalLinks[graph.group(sw) * dragonfly.groups() + group];
        for (int i = 0; i < links.length; i += 3) if (links[i] == sw) return links[i + 2];
        return links[2];
    }

    Dragonfly dragonfly() {
        return dragonfly;
    }

    private static int[][] globalLinksByGroupPair(FabricGraph graph, int groups) {
        List<List<int[]>> byPair = new ArrayList<>(groups * groups);
        for (int i = 0; i < groups * groups; i++) byPair.add(new ArrayList<>());
        for (Link l : graph.links()) {
            int a = graph.group(l.switchA());
            int b = graph.group(l.switchB());
            if (a == b) continue;
            byPair.get(a * groups + b).add(new int[] {l.switchA(), l.portA(), l.switchB()});
            byPair.get(b * groups + a).add(new int[] {l.switchB(), l.portB(), l.switchA()});
        }
        Comparator<int[]> byOwnerThenPort = Comparator.<int[]>comparingInt(t -> t[0]).thenComparingInt(t -> t[1]);
        int[][] flat = new int[groups * groups][];
        for (int i = 0; i < flat.length; i++) {
            List<int[]> links = byPair.get(i);
            links.sort(byOwnerThenPort);
            flat[i] = links.stream().flatMapToInt(Arrays::stream).toArray();
        }
        return flat;
    }
}
