package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.junit.jupiter.api.Test;

class TorusTest {

    @Test
    void plusPortsReachTheNextCoordinateWithWrapAround() {
        Torus t = new Torus(List.of(4, 3, 5), 2, 8);
        FabricGraph g = t.build();
        assertEquals(60, g.switches());
        assertEquals(120, g.nodes());
        for (int sw = 0; sw < g.switches(); sw++) {
            int[] c = g.coordinates(sw);
            assertArrayEquals(t.coordinatesOf(sw), c);
            assertEquals(sw, t.switchAt(c));
            for (int d = 0; d < 3; d++) {
                int[] next = c.clone();
                next[d] = (next[d] + 1) % t.size(d);
                int[] previous = c.clone();
                previous[d] = Math.floorMod(previous[d] - 1, t.size(d));
                assertEquals(new PortPeer(PortPeer.Kind.SWITCH, t.switchAt(next), t.minusPort(d)), g.peer(sw, t.plusPort(d)));
                assertEquals(new PortPeer(PortPeer.Kind.SWITCH, t.switchAt(previous), t.plusPort(d)),
                        g.peer(sw, t.minusPort(d)));
            }
        }
        assertArrayEquals(new int[] {3, 2, 4}, g.coordinates(59));
    }

    @Test
    void aDimensionOfSizeTwoGetsTwoParallelLinks() {
        FabricGraph g = new Torus(List.of(2, 4), 1, 5).build();
        long between01 = g.links().stream().filter(l -> l.switchA() == 0 && l.switchB() == 1).count();
        assertEquals(2, between01, "0+ to 1- and 1+ to 0-");
        assertEquals(List.of("sw0000.p1-sw0001.p2", "sw0000.p2-sw0001.p1"),
                g.links().stream().filter(l -> l.switchA() == 0 && l.switchB() == 1).map(Link::name).toList());
    }

    @Test
    void impossibleToriAreRefusedNamingTheKey() {
        assertEquals("switch.torus.dimensions: dimension 1 has size 1, each needs at least 2 (got [4, 1])",
                assertThrows(BadInputException.class, () -> new Torus(List.of(4, 1), 1, 48)).getMessage());
        assertEquals("switch.torus.dimensions: a torus has 2 or 3 dimensions, got [8]",
                assertThrows(BadInputException.class, () -> new Torus(List.of(8), 1, 48)).getMessage());
        assertEquals("switch.radix: a 3D torus switch needs nodes-per-switch + 2 × dimensions = 4 + 6 = 10 ports, "
                        + "switch.radix is 8",
                assertThrows(BadInputException.class, () -> new Torus(List.of(4, 4, 4), 4, 8)).getMessage());
        assertEquals("switch.torus.nodes-per-switch: must be at least 1, was 0",
                assertThrows(BadInputException.class, () -> new Torus(List.of(4, 4), 0, 48)).getMessage());
    }
}
