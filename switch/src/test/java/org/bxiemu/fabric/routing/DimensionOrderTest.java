package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Torus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DimensionOrderTest {

    static Stream<Torus> tori() {
        return Stream.of(new Torus(List.of(4, 4), 1, 48), new Torus(List.of(2, 3, 5), 2, 8),
                new Torus(List.of(5, 4, 3), 1, 7), new Torus(List.of(4, 4, 4), 1, 7), new Torus(List.of(2, 2), 1, 5));
    }

    @ParameterizedTest
    @MethodSource("tori")
    void hopsAreTheWrapAroundManhattanDistance(Torus torus) {
        FabricGraph g = torus.build();
        RoutingTables t = new DimensionOrder(g).tables();
        for (int src = 0; src < g.switches(); src++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                int[] a = g.coordinates(src);
                int[] b = g.coordinates(g.attachedSwitch(dst));
                int distance = 0;
                for (int d = 0; d < a.length; d++) {
                    int delta = Math.abs(a[d] - b[d]);
                    distance += Math.min(delta, torus.size(d) - delta);
                }
                assertEquals(distance, Routes.toNode(g, t, src, dst).switchHops());
            }
        }
    }

    /** Along a route, dimension d moves only once every lower dimension has arrived. */
    @ParameterizedTest
    @MethodSource("tori")
    void dimensionsAreCorrectedInOrder(Torus torus) {
        FabricGraph g = torus.build();
        RoutingTables t = new DimensionOrder(g).tables();
        for (int src = 0; src < g.switches(); src++) {
            for (int target = 0; target < g.switches(); target++) {
                if (src == target) continue;
                int[] goal = g.coordinates(target);
                List<Integer> path = Routes.toSwitch(g, t, src, target).switches();
                for (int i = 1; i < path.size(); i++) {
                    int[] before = g.coordinates(path.get(i - 1));
                    int[] after = g.coordinates(path.get(i));
                    int moved = -1;
                    for (int d = 0; d < before.length; d++) if (before[d] != after[d]) moved = d;
                    for (int d = 0; d < moved; d++) assertEquals(goal[d], before[d], "dimension " + d + " first");
                }
            }
        }
    }

    @Test
    void halfWayRoundTheRingGoesPlus() {
        Torus torus = new Torus(List.of(4, 4), 1, 48);
        FabricGraph g = torus.build();
        RoutingTables t = new DimensionOrder(g).tables();
        assertEquals(torus.plusPort(0), t.portToSwitch(0, 2));
        assertEquals(torus.plusPort(0), t.portToSwitch(2, 0));
        assertEquals(torus.minusPort(0), t.portToSwitch(0, 3));
        assertEquals(torus.plusPort(1), t.portToSwitch(0, torus.switchAt(new int[] {0, 2})));
        assertTrue(t.port(0, 0) == 0, "a local node is on port 0");
    }
}
