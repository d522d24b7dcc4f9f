package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;
import org.bxiemu.fabric.topology.PortPeer;

/** Follows routing tables hop by hop, as packets would, and checks what they cross. */
final class Routes {
    private Routes() {}

    /** A followed route: the switches in order (first = start) and the links crossed between them. */
    record Route(List<Integer> switches, List<Link> links) {
        int switchHops() {
            return links.size();
        }
    }

    /** The route from {@code start} to node {@code dst}; fails on −1, a loop, or a port that leads elsewhere. */
    static Route toNode(FabricGraph g, RoutingTables t, int start, int dst) {
        List<Integer> switches = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        BitSet visited = new BitSet();
        int sw = start;
        while (true) {
            if (visited.get(sw)) fail("loop at " + g.switchId(sw) + " routing " + g.switchId(start) + " -> " + g.nodeId(dst));
            visited.set(sw);
            switches.add(sw);
            int port = t.port(sw, dst);
            if (port < 0) fail(g.switchId(sw) + " cannot reach " + g.nodeId(dst) + " (from " + g.switchId(start) + ")");
            PortPeer p = g.peer(sw, port);
            if (p.isNode()) {
                assertEquals(dst, p.index(), "delivered to the wrong node");
                return new Route(switches, links);
            }
            assertTrue(p.isSwitch(), g.switchId(sw) + " routes to an unused port " + port);
            links.add(g.linkAt(sw, port).orElseThrow());
            sw = p.index();
        }
    }

    /** The route from {@code start} to switch {@code target}, by {@link RoutingTables#portToSwitch}. */
    static Route toSwitch(FabricGraph g, RoutingTables t, int start, int target) {
        List<Integer> switches = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        BitSet visited = new BitSet();
        int sw = start;
        while (sw != target) {
            if (visited.get(sw)) fail("loop at " + g.switchId(sw) + " routing to " + g.switchId(target));
            visited.set(sw);
            switches.add(sw);
            int port = t.portToSwitch(sw, target);
            if (port < 0) fail(g.switchId(sw) + " cannot reach " + g.switchId(target));
            PortPeer p = g.peer(sw, port);
            assertTrue(p.isSwitch(), g.switchId(sw) + " routes to a non-switch port " + port);
            links.add(g.linkAt(sw, port).orElseThrow());
            sw = p.index();
        }
        switches.add(target);
        return new Route(switches, links);
    }

    /** Every node route and every switch route of the tables, each within {@code maxSwitchHops}. */
    static void assertAllReachable(FabricGraph g, RoutingTables t, int maxSwitchHops) {
        for (int sw = 0; sw < g.switches(); sw++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                Route r = toNode(g, t, sw, dst);
                assertTrue(r.switchHops() <= maxSwitchHops, r + " longer than " + maxSwitchHops);
            }
            for (int target = 0; target < g.switches(); target++) {
                if (target == sw) {
                    assertEquals(-1, t.portToSwitch(sw, sw));
                    continue;
                }
                Route r = toSwitch(g, t, sw, target);
                assertTrue(r.switchHops() <= maxSwitchHops, r + " longer than " + maxSwitchHops);
            }
        }
    }

    /** Failed elements as flags, for fast checks along many routes. */
    private record Down(boolean[] switches, java.util.Set<Link> links) {
        static Down of(FabricGraph g, Collection<Link> failedLinks, Collection<Integer> failedSwitches) {
            boolean[] switches = new boolean[g.switches()];
            for (int sw : failedSwitches) switches[sw] = true;
            return new Down(switches, java.util.Set.copyOf(failedLinks));
        }
    }

    /**
     * Independent oracle: for each switch, the component it belongs to once the failed links and
     * switches are removed (−1 for a failed switch).
     */
    static int[] components(FabricGraph g, Collection<Link> failedLinks, Collection<Integer> failedSwitches) {
        Down down = Down.of(g, failedLinks, failedSwitches);
        int[] component = new int[g.switches()];
        Arrays.fill(component, -1);
        int next = 0;
        for (int s = 0; s < g.switches(); s++) {
            if (component[s] >= 0 || down.switches()[s]) continue;
            ArrayList<Integer> stack = new ArrayList<>(List.of(s));
            component[s] = next;
            while (!stack.isEmpty()) {
                int sw = stack.remove(stack.size() - 1);
                for (int port = 0; port < g.radix(sw); port++) {
                    PortPeer p = g.peer(sw, port);
                    if (!p.isSwitch() || down.switches()[p.index()] || component[p.index()] >= 0) continue;
                    if (down.links().contains(g.linkAt(sw, port).orElseThrow())) continue;
                    component[p.index()] = next;
                    stack.add(p.index());
                }
            }
            next++;
        }
        return component;
    }

    /**
     * After failures: every live switch reaches every node (and switch) still connected to it,
     * crossing no failed element, and reports −1 for the others; failed switches forward nothing.
     */
    static void assertAvoids(FabricGraph g, RoutingTables t, Collection<Link> failedLinks,
            Collection<Integer> failedSwitches) {
        int[] component = components(g, failedLinks, failedSwitches);
        Down down = Down.of(g, failedLinks, failedSwitches);
        for (int sw = 0; sw < g.switches(); sw++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                int home = g.attachedSwitch(dst);
                if (component[sw] < 0 || component[home] != component[sw]) {
                    assertEquals(-1, t.port(sw, dst), g.switchId(sw) + " -> " + g.nodeId(dst) + " is cut off");
                    continue;
                }
                checkClean(toNode(g, t, sw, dst), down);
            }
            for (int target = 0; target < g.switches(); target++) {
                if (target == sw) continue;
                if (component[sw] < 0 || component[target] != component[sw]) {
                    assertEquals(-1, t.portToSwitch(sw, target), g.switchId(sw) + " -> " + g.switchId(target));
                    continue;
                }
                checkClean(toSwitch(g, t, sw, target), down);
            }
        }
    }

    private static void checkClean(Route r, Down down) {
        for (Link l : r.links()) if (down.links().contains(l)) fail(r + " crosses failed link " + l.name());
        for (int sw : r.switches()) if (down.switches()[sw]) fail(r + " crosses failed switch " + sw);
    }
}
