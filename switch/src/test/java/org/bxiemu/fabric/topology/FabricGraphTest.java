package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bxiemu.engine.BadInputException;
import org.junit.jupiter.api.Test;

class FabricGraphTest {
    /** Two switches of radix 4 for hand-built graphs; the topology only names the graph. */
    private static FabricGraph.Builder twoSwitches(int nodes) {
        return FabricGraph.builder(new Star(2, 4), "test.key", new int[] {4, 4}, nodes);
    }

    @Test
    void portsCablesAndIdsAreAsBuilt() {
        FabricGraph g = twoSwitches(2).attach(0, 0, 0).attach(1, 1, 3).link(1, 1, 0, 2).link(0, 3, 1, 0).build();
        assertEquals(2, g.switches());
        assertEquals(2, g.nodes());
        assertEquals(new PortPeer(PortPeer.Kind.SWITCH, 1, 1), g.peer(0, 2));
        assertEquals(new PortPeer(PortPeer.Kind.NODE, 1, 0), g.peer(1, 3));
        assertEquals(PortPeer.UNUSED, g.peer(0, 1));
        assertEquals(new SwitchPort(1, 3), g.attachment(1));
        assertArrayEquals(new int[] {1}, g.nodesAt(1));
        assertEquals(List.of("sw0000.p2-sw0001.p1", "sw0000.p3-sw0001.p0"), g.links().stream().map(Link::name).toList());
        Link l = g.links().get(0);
        assertEquals(Optional.of(l), g.link("sw0000.p2-sw0001.p1"));
        assertEquals(Optional.of(l), g.linkAt(1, 1), "the same link seen from its upper end");
        assertEquals(Optional.empty(), g.link("sw0001.p1-sw0000.p2"), "a link has one spelling, lower switch first");
        assertEquals(Optional.empty(), g.linkAt(0, 0), "a node port is not a link");
        assertEquals("sw0001", g.switchId(1));
        assertEquals("n0001", g.nodeId(1));
        assertEquals(OptionalInt.of(1), g.switchIndex("sw0001"));
        assertEquals(OptionalInt.empty(), g.switchIndex("sw1"));
        assertEquals(OptionalInt.empty(), g.nodeIndex("n0002"));
    }

    @Test
    void idsArePaddedSoThatTheySortLikeIndices() {
        FabricGraph g = new Star(12_000, 12_000).build();
        assertEquals("n00000", g.nodeId(0));
        assertEquals("n11999", g.nodeId(11_999));
        assertEquals("sw0000", g.switchId(0));
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < g.nodes(); n++) ids.add(g.nodeId(n));
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
        assertEquals(OptionalInt.of(10_000), g.nodeIndex("n10000"));
    }

    @Test
    void aPortUsedTwiceIsRefusedNamingTheKey() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> twoSwitches(1).attach(0, 0, 1).link(0, 1, 1, 0));
        assertEquals("test.key: sw0000.p1 is used twice (to n0000, then to sw0001.p0)", e.getMessage());
    }

    @Test
    void aPortBeyondTheRadixIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> twoSwitches(1).link(0, 4, 1, 0));
        assertEquals("test.key: sw0000 has no port 4 (radix 4)", e.getMessage());
        assertThrows(BadInputException.class, () -> twoSwitches(1).attach(0, 2, 0), "no switch 2");
    }

    @Test
    void everyNodeMustBeAttachedExactlyOnce() {
        BadInputException missing = assertThrows(BadInputException.class, () -> twoSwitches(2).attach(0, 0, 0).build());
        assertEquals("test.key: n0001 is attached to no switch", missing.getMessage());
        BadInputException twice = assertThrows(BadInputException.class,
                () -> twoSwitches(1).attach(0, 0, 0).attach(0, 1, 0));
        assertEquals("test.key: n0000 is attached twice (sw0000.p0, sw0001.p0)", twice.getMessage());
    }

    @Test
    void aSwitchCannotBeLinkedToItself() {
        BadInputException e = assertThrows(BadInputException.class, () -> twoSwitches(1).link(0, 0, 0, 1));
        assertTrue(e.getMessage().startsWith("test.key: sw0000.p0 is linked to its own switch"), e.getMessage());
    }

    @Test
    void radixMustFitSixteenBits() {
        assertThrows(BadInputException.class,
                () -> FabricGraph.builder(new Star(1, 4), "k", new int[] {FabricGraph.MAX_RADIX + 1}, 1));
        assertThrows(BadInputException.class, () -> FabricGraph.builder(new Star(1, 4), "k", new int[] {0}, 1));
    }
}
