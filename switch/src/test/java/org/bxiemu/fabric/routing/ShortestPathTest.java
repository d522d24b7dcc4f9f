package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.bxiemu.fabric.topology.PortPeer;
import org.bxiemu.fabric.topology.Star;
import org.bxiemu.fabric.topology.Topology;
import org.bxiemu.fabric.topology.Torus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShortestPathTest {

    static Stream<Topology> topologies() {
        return Stream.of(new FatTree(4, 3, 2, 8), new Dragonfly(9, 4, 2, 2, 48), new Torus(List.of(4, 4), 1, 48),
                new Torus(List.of(2, 3, 4), 1, 8));
    }

    /** At every switch: the lowest port whose neighbour is one hop closer, by an independent BFS. */
    @ParameterizedTest
    @MethodSource("topologies")
    void lowestPortAmongShortestWays(Topology topology) {
        FabricGraph g = topology.build();
        RoutingTables t = new ShortestPath(g).tables();
        for (int target = 0; target < g.switches(); target++) {
            int[] distance = hopsTo(g, target);
            for (int sw = 0; sw < g.switches(); sw++) {
                if (sw == target) continue;
                int expected = -1;
                for (int port = 0; port < g.radix(sw) && expected < 0; port++) {
                    PortPeer p = g.peer(sw, port);
                    if (p.isSwitch() && distance[p.index()] == distance[sw] - 1) expected = port;
                }
                assertEquals(expected, t.portToSwitch(sw, target), g.switchId(sw) + " -> " + g.switchId(target));
            }
        }
    }

    @Test
    void aStarDeliversStraightToTheNodePort() {
        FabricGraph g = new Star(16, 48).build();
        RoutingTables t = new ShortestPath(g).tables();
        for (int dst = 0; dst < 16; dst++) assertEquals(dst, t.port(0, dst));
        assertEquals(-1, t.portToSwitch(0, 0));
    }

    @Test
    void aFatTreeLeafClimbsThroughItsFirstUpPort() {
        FabricGraph g = new FatTree(4, 2, 4, 8).build();
        assertEquals(4, new ShortestPath(g).tables().port(0, 4), "four equal ways up; the lowest port wins");
    }

    private static int[] hopsTo(FabricGraph g, int target) {
        int[] distance = new int[g.switches()];
        Arrays.fill(distance, Integer.MAX_VALUE);
        distance[target] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(target));
        while (!queue.isEmpty()) {
            int sw = queue.poll();
            for (int port = 0; port < g.radix(sw); port++) {
                PortPeer p = g.peer(sw, port);
                if (p.isSwitch() && distance[p.index()] == Integer.MAX_VALUE) {
                    distance[p.index()] = distance[sw] + 1;
                    queue.add(p.index());
                }
            }
        }
        return distance;
    }
}
