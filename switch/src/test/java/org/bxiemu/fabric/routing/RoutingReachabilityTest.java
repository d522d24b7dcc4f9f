package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.bxiemu.fabric.topology.Star;
import org.bxiemu.fabric.topology.Topology;
import org.bxiemu.fabric.topology.Torus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topology with each algorithm that fits it: all destinations reached, no loop, short routes. */
class RoutingReachabilityTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // topology, routing, most switch-to-switch hops of any route
                Arguments.of(new Star(16, 48), "shortest-path", 0),
                Arguments.of(new Star(16, 48), "auto", 0),
                Arguments.of(new FatTree(8, 2, 8, 48), "d-mod-k", 2),
                Arguments.of(new FatTree(4, 3, 4, 8), "d-mod-k", 4),
                Arguments.of(new FatTree(4, 3, 2, 8), "d-mod-k", 4),
                Arguments.of(new FatTree(4, 3, 3, 8), "d-mod-k", 4),
                Arguments.of(new FatTree(3, 4, 3, 6), "d-mod-k", 6),
                Arguments.of(new FatTree(3, 4, 2, 6), "d-mod-k", 6),
                Arguments.of(new FatTree(4, 3, 4, 8), "shortest-path", 4),
                Arguments.of(new Dragonfly(9, 4, 2, 2, 48), "minimal", 3),
                Arguments.of(new Dragonfly(9, 4, 2, 2, 48), "valiant", 3),
                Arguments.of(new Dragonfly(9, 4, 2, 2, 48), "shortest-path", 3),
                Arguments.of(new Dragonfly(5, 4, 2, 2, 7), "minimal", 3),
                Arguments.of(new Dragonfly(6, 4, 2, 2, 7), "minimal", 3),
                Arguments.of(new Dragonfly(2, 4, 2, 2, 7), "minimal", 3),
                Arguments.of(new Dragonfly(17, 8, 4, 2, 48), "minimal", 3),
                Arguments.of(new Torus(List.of(4, 4), 1, 48), "dimension-order", 4),
                Arguments.of(new Torus(List.of(2, 3, 5), 2, 8), "dimension-order", 4),
                Arguments.of(new Torus(List.of(4, 4, 4), 1, 7), "dimension-order", 6),
                Arguments.of(new Torus(List.of(2, 2), 1, 5), "dimension-order", 2),
                Arguments.of(new Torus(List.of(4, 4), 1, 48), "shortest-path", 4));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cases")
    void everySwitchReachesEveryNodeAndSwitch(Topology topology, String routing, int maxSwitchHops) {
        FabricGraph g = topology.build();
        RoutingTables t = new FabricManager(g, routing).tables();
        assertEquals(g.switches(), t.switches());
        assertEquals(g.nodes(), t.nodes());
        Routes.assertAllReachable(g, t, maxSwitchHops);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cases")
    void tablesAreTheSameEveryTime(Topology topology, String routing, int maxSwitchHops) {
        FabricGraph g = topology.build();
        RoutingTables first = FabricManager.routing(g, routing).tables();
        RoutingTables second = FabricManager.routing(topology.build(), routing).tables();
        assertEquals(first, second);
        for (int sw = 0; sw < g.switches(); sw++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.nodeRow(sw), second.nodeRow(sw));
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.switchRow(sw), second.switchRow(sw));
        }
    }
}
