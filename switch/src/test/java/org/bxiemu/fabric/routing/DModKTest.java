package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DModKTest {

    static Stream<FatTree> trees() {
        return Stream.of(new FatTree(8, 2, 8, 48), new FatTree(4, 3, 4, 8), new FatTree(16, 2, 16, 32),
                new FatTree(4, 3, 2, 8), new FatTree(4, 3, 3, 8), new FatTree(3, 4, 3, 6), new FatTree(6, 2, 4, 10));
    }

    /**
     * Destinations outside a switch's subtree, counted per up port: equal when uplinks divides k
     * (full trees included). Otherwise residues mod uplinks are unevenly spread inside each
     * subtree, and removing the switch's own subtree leaves the counts within two child subtrees
     * ({@code 2·k^level} nodes) of each other.
     */
    @ParameterizedTest
    @MethodSource("trees")
    void upLinksServeEqualShares(FatTree tree) {
        FabricGraph g = tree.build();
        RoutingTables t = new DModK(g).tables();
        for (int sw = 0; sw < tree.firstSwitch(tree.levels() - 1); sw++) {
            int[] perUpPort = new int[tree.uplinks()];
            for (int dst = 0; dst < g.nodes(); dst++) {
                int port = t.port(sw, dst);
                if (port >= tree.k()) perUpPort[port - tree.k()]++;
            }
            int min = Arrays.stream(perUpPort).min().orElseThrow();
            int max = Arrays.stream(perUpPort).max().orElseThrow();
            assertTrue(min > 0, g.switchId(sw) + " uses every up port: " + Arrays.toString(perUpPort));
            int spread = tree.k() % tree.uplinks() == 0 ? 0 : 2 * pow(tree.k(), g.level(sw));
            assertTrue(max - min <= spread, g.switchId(sw) + " " + Arrays.toString(perUpPort));
        }
    }

    private static int pow(int base, int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) p *= base;
        return p;
    }

    @Test
    void aFullLeafSpreadsExactlyEvenly() {
        FatTree tree = new FatTree(8, 2, 8, 48);
        RoutingTables t = new DModK(tree.build()).tables();
        int[] perUpPort = new int[8];
        for (int dst = 8; dst < 64; dst++) perUpPort[t.port(0, dst) - 8]++;
        int[] seven = new int[8];
        Arrays.fill(seven, 7);
        assertEquals(Arrays.toString(seven), Arrays.toString(perUpPort), "56 remote destinations over 8 up-links");
    }

    @ParameterizedTest
    @MethodSource("trees")
    void upPortIsDestinationModK(FatTree tree) {
        FabricGraph g = tree.build();
        RoutingTables t = new DModK(g).tables();
        int span = 1;
        for (int level = 0; level < tree.levels() - 1; level++, span *= tree.k()) {
            for (int sw = tree.firstSwitch(level); sw < tree.firstSwitch(level + 1); sw++) {
                for (int dst = 0; dst < g.nodes(); dst++) {
                    int port = t.port(sw, dst);
                    if (port >= tree.k()) assertEquals(tree.k() + (dst / span) % tree.uplinks(), port);
                }
            }
        }
    }

    /** d-mod-k is minimal, and all routes to one destination climb to the same top switch. */
    @ParameterizedTest
    @MethodSource("trees")
    void routesAreShortestAndConvergeOnOneTopSwitch(FatTree tree) {
        FabricGraph g = tree.build();
        RoutingTables dmodk = new DModK(g).tables();
        RoutingTables shortest = new ShortestPath(g).tables();
        int top = tree.firstSwitch(tree.levels() - 1);
        for (int dst = 0; dst < g.nodes(); dst++) {
            int root = -1;
            for (int leaf = 0; leaf < tree.switchesAtLevel(0); leaf++) {
                Routes.Route r = Routes.toNode(g, dmodk, leaf, dst);
                assertEquals(Routes.toNode(g, shortest, leaf, dst).switchHops(), r.switchHops());
                assertTrue(r.switches().size() <= 2 * tree.levels() - 1);
                int highest = r.switches().stream().mapToInt(Integer::intValue).max().orElseThrow();
                if (highest >= top) {
                    if (root < 0) root = highest;
                    assertEquals(root, highest, "top switch for " + g.nodeId(dst));
                }
            }
        }
    }
}
