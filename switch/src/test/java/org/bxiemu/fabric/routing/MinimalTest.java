package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MinimalTest {

    static Stream<Dragonfly> dragonflies() {
        return Stream.of(new Dragonfly(9, 4, 2, 2, 48), new Dragonfly(5, 4, 2, 2, 7), new Dragonfly(2, 4, 2, 2, 7),
                new Dragonfly(3, 2, 1, 1, 4), new Dragonfly(17, 8, 4, 2, 48));
    }

    /** Local hops ≤ 1 in each group, exactly one global hop between groups, none inside a group. */
    @ParameterizedTest
    @MethodSource("dragonflies")
    void routesAreLocalGlobalLocal(Dragonfly d) {
        FabricGraph g = d.build();
        RoutingTables t = new Minimal(g).tables();
        for (int src = 0; src < g.switches(); src++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                Routes.Route r = Routes.toNode(g, t, src, dst);
                int from = g.group(src);
                int to = g.group(g.attachedSwitch(dst));
                int global = 0;
                int localBefore = 0;
                int localAfter = 0;
                for (Link l : r.links()) {
                    if (g.group(l.switchA()) != g.group(l.switchB())) global++;
                    else if (global == 0) localBefore++;
                    else localAfter++;
                }
                assertEquals(from == to ? 0 : 1, global, r.toString());
                assertTrue(localBefore <= 1 && localAfter <= 1 && r.switchHops() <= 3, r.toString());
                if (from == to) assertEquals(src == g.attachedSwitch(dst) ? 0 : 1, r.switchHops());
            }
        }
    }

    /** Routes are as short as the best local-global-local path over any global link between the groups. */
    @ParameterizedTest
    @MethodSource("dragonflies")
    void routesTakeTheFewestLocalHops(Dragonfly d) {
        FabricGraph g = d.build();
        RoutingTables t = new Minimal(g).tables();
        for (int src = 0; src < g.switches(); src++) {
            for (int target = 0; target < g.switches(); target++) {
                if (g.group(src) == g.group(target)) continue;
                int best = Integer.MAX_VALUE;
                for (Link l : g.links()) {
                    for (int[] ends : new int[][] {{l.switchA(), l.switchB()}, {l.switchB(), l.switchA()}}) {
                        if (g.group(ends[0]) != g.group(src) || g.group(ends[1]) != g.group(target)) continue;
                        best = Math.min(best, (ends[0] == src ? 0 : 1) + 1 + (ends[1] == target ? 0 : 1));
                    }
                }
                assertEquals(best, Routes.toSwitch(g, t, src, target).switchHops(),
                        g.switchId(src) + " -> " + g.switchId(target));
            }
        }
    }

    /** With several links per pair of groups, a router that owns one to the target group uses it. */
    @ParameterizedTest
    @MethodSource("dragonflies")
    void aRouterUsesItsOwnGlobalLinkWhenItHasOne(Dragonfly d) {
        FabricGraph g = d.build();
        RoutingTables t = new Minimal(g).tables();
        for (Link l : g.links()) {
            if (g.group(l.switchA()) == g.group(l.switchB())) continue;
            for (int node : g.nodesAt(l.switchB())) {
                int port = t.port(l.switchA(), node);
                assertTrue(g.peer(l.switchA(), port).isSwitch());
                assertEquals(l.switchB(), g.peer(l.switchA(), port).index(),
                        g.switchId(l.switchA()) + " has a direct link to " + g.switchId(l.switchB()));
            }
        }
    }
}
