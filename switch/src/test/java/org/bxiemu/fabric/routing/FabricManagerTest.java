package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.bxiemu.fabric.topology.Link;
import org.bxiemu.fabric.topology.Star;
import org.bxiemu.fabric.topology.Topology;
import org.bxiemu.fabric.topology.Torus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FabricManagerTest {

    static Stream<Arguments> fabrics() {
        return Stream.of(
                Arguments.of(new FatTree(4, 3, 4, 8), "d-mod-k"),
                Arguments.of(new FatTree(4, 3, 2, 8), "d-mod-k"),
                Arguments.of(new FatTree(4, 2, 4, 8), "shortest-path"),
                Arguments.of(new Dragonfly(5, 4, 2, 2, 7), "minimal"),
                Arguments.of(new Dragonfly(9, 4, 2, 2, 48), "valiant"),
                Arguments.of(new Torus(List.of(4, 3), 1, 8), "dimension-order"),
                Arguments.of(new Torus(List.of(2, 2, 3), 1, 8), "dimension-order"));
    }

    /** Each inter-switch link in turn fails: routes avoid it and every connected pair stays reachable. */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("fabrics")
    void everySingleLinkFailureIsRoutedAround(Topology topology, String routing) {
        FabricGraph g = topology.build();
        FabricManager manager = new FabricManager(g, routing);
        for (Link failed : g.links()) {
            RoutingTables t = manager.recompute(List.of(failed), List.of());
            Routes.assertAvoids(g, t, List.of(failed), List.of());
        }
    }

    /** Each switch in turn fails (those with nodes make those nodes unreachable, nothing else). */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("fabrics")
    void everySingleSwitchFailureIsRoutedAround(Topology topology, String routing) {
        FabricGraph g = topology.build();
        FabricManager manager = new FabricManager(g, routing);
        for (int failed = 0; failed < g.switches(); failed++) {
            RoutingTables t = manager.recompute(List.of(), List.of(failed));
            Routes.assertAvoids(g, t, List.of(), List.of(failed));
            for (int dst = 0; dst < g.nodes(); dst++) assertEquals(-1, t.port(failed, dst), "a failed switch forwards nothing");
        }
    }

    @Test
    void aFailedSpineSwitchLeavesEveryNodeReachableInAFullFatTree() {
        FatTree tree = new FatTree(4, 3, 4, 8);
        FabricGraph g = tree.build();
        FabricManager manager = new FabricManager(g, "d-mod-k");
        for (int failed = tree.firstSwitch(1); failed < g.switches(); failed++) {
            RoutingTables t = manager.recompute(List.of(), List.of(failed));
            for (int sw = 0; sw < g.switches(); sw++) {
                if (sw == failed) continue;
                for (int dst = 0; dst < g.nodes(); dst++) {
                    Routes.Route r = Routes.toNode(g, t, sw, dst);
                    assertTrue(!r.switches().contains(failed), r.toString());
                }
            }
        }
    }

    /** Entries whose d-mod-k route misses the failure keep their d-mod-k port. */
    @Test
    void untouchedRoutesKeepTheAlgorithmsChoice() {
        FabricGraph g = new FatTree(4, 3, 4, 8).build();
        FabricManager manager = new FabricManager(g, "d-mod-k");
        RoutingTables intact = manager.tables();
        Link failed = g.links().get(5);
        RoutingTables t = manager.recompute(List.of(failed), List.of());
        int kept = 0;
        int changed = 0;
        for (int sw = 0; sw < g.switches(); sw++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                if (!Routes.toNode(g, intact, sw, dst).links().contains(failed)) {
                    assertEquals(intact.port(sw, dst), t.port(sw, dst));
                    kept++;
                } else if (intact.port(sw, dst) != t.port(sw, dst)) {
                    changed++;
                }
            }
        }
        assertTrue(kept > 0 && changed > 0, kept + " kept, " + changed + " changed");
    }

    @Test
    void severalFailuresAtOnceIncludingAPartition() {
        FabricGraph g = new Torus(List.of(4, 4), 1, 48).build();
        FabricManager manager = new FabricManager(g, "dimension-order");
        // cut switch 5 off entirely by failing its four links, and fail switch 10 as well
        List<Link> cut = g.links().stream().filter(l -> l.touches(5)).toList();
        assertEquals(4, cut.size());
        RoutingTables t = manager.recompute(cut, List.of(10));
        Routes.assertAvoids(g, t, cut, List.of(10));
        assertEquals(-1, t.port(0, 5), "n0005 is on the cut-off switch");
        assertEquals(0, t.port(5, 5), "but its own switch still delivers to it");
        assertEquals(-1, t.port(0, 10), "n0010 is on the failed switch");
    }

    @Test
    void tablesDependOnlyOnTheSetOfFailures() {
        FabricGraph g = new Dragonfly(9, 4, 2, 2, 48).build();
        FabricManager manager = new FabricManager(g, "minimal");
        List<Link> links = new ArrayList<>(List.of(g.links().get(3), g.links().get(60), g.links().get(77)));
        RoutingTables forward = manager.recompute(links, List.of(4, 20));
        Collections.reverse(links);
        RoutingTables backward = manager.recompute(Set.copyOf(links), Set.of(20, 4));
        assertEquals(forward, backward);
        assertEquals(forward, new FabricManager(g.topology().build(), "minimal").recompute(links, List.of(20, 4)));
        assertSame(manager.tables(), manager.recompute(List.of(), List.of()), "no failure, intact tables");
    }

    @Test
    void unknownOrMisfitRoutingNamesTheKey() {
        FabricGraph tree = new FatTree(4, 2, 4, 8).build();
        assertEquals("switch.routing: unknown routing 'up-down' (known: auto, d-mod-k, dimension-order, minimal, "
                        + "shortest-path, valiant)",
                assertThrows(BadInputException.class, () -> new FabricManager(tree, "up-down")).getMessage());
        assertEquals("switch.routing: minimal needs a dragonfly topology, switch.topology is fat-tree "
                        + "(fitting: auto, d-mod-k, shortest-path)",
                assertThrows(BadInputException.class, () -> new FabricManager(tree, "minimal")).getMessage());
        FabricGraph star = new Star(8, 8).build();
        assertEquals("switch.routing: d-mod-k needs a fat-tree topology, switch.topology is star "
                        + "(fitting: auto, shortest-path)",
                assertThrows(BadInputException.class, () -> new FabricManager(star, "d-mod-k")).getMessage());
        FabricGraph torus = new Torus(List.of(4, 4), 1, 48).build();
        assertTrue(assertThrows(BadInputException.class, () -> new FabricManager(torus, "valiant")).getMessage()
                .startsWith("switch.routing: valiant needs a dragonfly topology"));
        FabricGraph dragonfly = new Dragonfly(9, 4, 2, 2, 48).build();
        assertTrue(assertThrows(BadInputException.class, () -> new FabricManager(dragonfly, "dimension-order"))
                .getMessage().startsWith("switch.routing: dimension-order needs a torus topology"));
    }

    @Test
    void autoPicksEachTopologysOwnAlgorithm() {
        assertInstanceOf(DModK.class, new FabricManager(new FatTree(4, 2, 4, 8).build(), "auto").routing());
        assertInstanceOf(Minimal.class, new FabricManager(new Dragonfly(9, 4, 2, 2, 48).build(), "auto").routing());
        assertInstanceOf(DimensionOrder.class, new FabricManager(new Torus(List.of(4, 4), 1, 48).build(), "auto").routing());
        assertInstanceOf(ShortestPath.class, new FabricManager(new Star(4, 4).build(), "auto").routing());
    }

    @Test
    void routingIsReadFromConfig() {
        FabricGraph g = new Dragonfly(9, 4, 2, 2, 48).build();
        assertInstanceOf(Valiant.class,
                FabricManager.fromConfig(g, ConfigFactory.parseString("switch.routing = valiant")).routing());
        assertEquals("switch.routing: missing (expected one of auto, d-mod-k, dimension-order, minimal, shortest-path, "
                + "valiant)", assertThrows(BadInputException.class,
                        () -> FabricManager.fromConfig(g, ConfigFactory.parseString("switch.radix = 48"))).getMessage());
    }

    @Test
    void aLinkOfAnotherGraphIsRefused() {
        FabricGraph g = new FatTree(4, 2, 4, 8).build();
        Link foreign = new Link(0, 4, 1, 4, "sw0000.p4-sw0001.p4");
        assertThrows(IllegalArgumentException.class, () -> new FabricManager(g, "d-mod-k").recompute(List.of(foreign), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FabricManager(g, "d-mod-k").recompute(List.of(), List.of(99)));
    }

    /** 16-ary 3-tree: 4,096 nodes, 768 switches. */
    @Test
    void aFourThousandNodeFatTreeIsQuick() {
        FatTree tree = new FatTree(16, 3, 16, 32);
        FabricManager manager = assertTimeout(Duration.ofSeconds(3), () -> new FabricManager(tree.build(), "d-mod-k"));
        FabricGraph g = manager.graph();
        assertEquals(4096, g.nodes());
        assertEquals(768, g.switches());
        RoutingTables t = manager.tables();
        for (int leaf = 0; leaf < tree.switchesAtLevel(0); leaf += 15) {
            for (int dst = 0; dst < g.nodes(); dst++) assertTrue(Routes.toNode(g, t, leaf, dst).switchHops() <= 4);
        }
        Link failed = g.links().get(1000);
        RoutingTables after = assertTimeout(Duration.ofSeconds(3), () -> manager.recompute(List.of(failed), List.of()));
        for (int leaf = 0; leaf < tree.switchesAtLevel(0); leaf += 15) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                assertTrue(!Routes.toNode(g, after, leaf, dst).links().contains(failed));
            }
        }
    }
}
