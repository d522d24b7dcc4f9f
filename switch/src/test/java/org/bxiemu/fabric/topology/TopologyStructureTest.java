package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants every built topology must satisfy, with counts worked out by hand. */
class TopologyStructureTest {

    static Stream<Arguments> topologies() {
        return Stream.of(
                // topology, switches, nodes, inter-switch links
                Arguments.of(new Star(16, 48), 1, 16, 0),
                Arguments.of(new Star(48, 48), 1, 48, 0),
                Arguments.of(new FatTree(8, 2, 8, 48), 16, 64, 64),
                Arguments.of(new FatTree(4, 3, 4, 8), 48, 64, 128),
                Arguments.of(new FatTree(4, 3, 2, 8), 16 + 8 + 4, 64, 16 * 2 + 8 * 2),
                Arguments.of(new FatTree(6, 2, 3, 12), 6 + 3, 36, 18),
                Arguments.of(new FatTree(3, 4, 3, 6), 27 * 4, 81, 27 * 3 * 3),
                Arguments.of(new Dragonfly(9, 4, 2, 2, 48), 36, 72, 9 * 6 + 36),
                Arguments.of(new Dragonfly(5, 4, 2, 2, 7), 20, 40, 5 * 6 + 10 * 2),
                Arguments.of(new Dragonfly(6, 4, 2, 2, 7), 24, 48, 6 * 6 + 15),
                Arguments.of(new Dragonfly(2, 4, 2, 2, 7), 8, 16, 2 * 6 + 8),
                Arguments.of(new Dragonfly(33, 8, 4, 4, 15), 264, 1056, 33 * 28 + 33 * 32 / 2),
                Arguments.of(new Torus(List.of(4, 4), 1, 48), 16, 16, 32),
                Arguments.of(new Torus(List.of(2, 3, 4), 2, 8), 24, 48, 72),
                Arguments.of(new Torus(List.of(2, 2), 1, 5), 4, 4, 8),
                Arguments.of(new Torus(List.of(4, 4, 4), 1, 7), 64, 64, 192));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void countsAreAsExpected(Topology topology, int switches, int nodes, int links) {
        FabricGraph g = topology.build();
        assertEquals(switches, g.switches());
        assertEquals(nodes, g.nodes());
        assertEquals(links, g.links().size());
        assertEquals(topology, g.topology());
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void everyNodeIsAttachedOnceWithinTheRadix(Topology topology, int switches, int nodes, int links) {
        FabricGraph g = topology.build();
        int[] seen = new int[g.nodes()];
        for (int sw = 0; sw < g.switches(); sw++) {
            for (int port = 0; port < g.radix(sw); port++) {
                PortPeer p = g.peer(sw, port);
                if (p.isNode()) {
                    seen[p.index()]++;
                    assertEquals(new SwitchPort(sw, port), g.attachment(p.index()));
                }
            }
        }
        for (int n = 0; n < g.nodes(); n++) assertEquals(1, seen[n], g.nodeId(n) + " attachments");
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void linksAreSymmetricAndListedOnceInOrder(Topology topology, int switches, int nodes, int links) {
        FabricGraph g = topology.build();
        List<Link> expected = new ArrayList<>();
        for (int sw = 0; sw < g.switches(); sw++) {
            for (int port = 0; port < g.radix(sw); port++) {
                PortPeer p = g.peer(sw, port);
                if (!p.isSwitch()) continue;
                assertTrue(p.port() < g.radix(p.index()), "peer port within the peer's radix");
                assertTrue(p.index() != sw, "no self link");
                assertEquals(new PortPeer(PortPeer.Kind.SWITCH, sw, port), g.peer(p.index(), p.port()),
                        "peer of peer of " + g.switchId(sw) + ".p" + port);
                if (sw < p.index()) expected.add(g.linkAt(sw, port).orElseThrow());
            }
        }
        assertEquals(expected, g.links());
        assertEquals(g.links().size(), new HashSet<>(g.links().stream().map(Link::name).toList()).size());
        for (Link l : g.links()) {
            assertTrue(l.switchA() < l.switchB());
            assertEquals(l.name(), g.switchId(l.switchA()) + ".p" + l.portA() + "-" + g.switchId(l.switchB()) + ".p" + l.portB());
        }
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void nodesSitOnTheLowestPorts(Topology topology, int switches, int nodes, int links) {
        FabricGraph g = topology.build();
        for (int sw = 0; sw < g.switches(); sw++) {
            int[] here = g.nodesAt(sw);
            for (int i = 0; i < here.length; i++) assertEquals(i, g.attachment(here[i]).port());
        }
    }
}
