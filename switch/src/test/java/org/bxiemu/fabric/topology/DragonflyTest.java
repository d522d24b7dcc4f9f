package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bxiemu.engine.BadInputException;
import org.junit.jupiter.api.Test;

class DragonflyTest {

    @Test
    void defaultDragonflyIsTheLargestBalancedOne() {
        Dragonfly d = new Dragonfly(9, 4, 2, 2, 48);
        FabricGraph g = d.build();
        assertEquals(36, g.switches());
        assertEquals(72, g.nodes());
        assertEquals(1, d.linksPerGroupPair());
        assertEquals(8, g.group(35));
        assertEquals(2, g.attachedSwitch(5));
        int[][] between = globalLinksBetweenGroups(g, 9);
        for (int a = 0; a < 9; a++) {
            for (int b = 0; b < 9; b++) assertEquals(a == b ? 0 : 1, between[a][b], "global links " + a + "-" + b);
        }
        for (int r = 0; r < g.switches(); r++) {
            int local = 0;
            int global = 0;
            for (int port = 0; port < g.radix(r); port++) {
                PortPeer p = g.peer(r, port);
                if (!p.isSwitch()) continue;
                if (g.group(p.index()) == g.group(r)) {
                    local++;
                    assertEquals(d.localPort(r, p.index()), port);
                } else {
                    global++;
                    assertEquals(d.globalPort(port - d.globalPort(0)), port);
                }
            }
            assertEquals(3, local, "all-to-all inside the group");
            assertEquals(2, global, "every global port is cabled when g = a·h + 1");
        }
    }

    @Test
    void smallerDragonfliesJoinEveryPairOfGroupsByWholeRounds() {
        for (int groups = 2; groups <= 9; groups++) {
            Dragonfly d = new Dragonfly(groups, 4, 2, 2, 7);
            int[][] between = globalLinksBetweenGroups(d.build(), groups);
            int expected = 8 / (groups - 1);
            assertEquals(expected, d.linksPerGroupPair());
            for (int a = 0; a < groups; a++) {
                for (int b = 0; b < groups; b++) assertEquals(a == b ? 0 : expected, between[a][b], groups + " groups");
            }
        }
    }

    private static int[][] globalLinksBetweenGroups(FabricGraph g, int groups) {
        int[][] count = new int[groups][groups];
        for (Link l : g.links()) {
            int a = g.group(l.switchA());
            int b = g.group(l.switchB());
            if (a != b) {
                count[a][b]++;
                count[b][a]++;
            }
        }
        return count;
    }

    @Test
    void impossibleDragonfliesAreRefusedNamingTheKey() {
        assertEquals("switch.dragonfly.groups: 10 groups need 9 global links per group to reach every other group, "
                        + "a group has routers-per-group × global-links-per-router = 4 × 2 = 8 (at most 9 groups)",
                assertThrows(BadInputException.class, () -> new Dragonfly(10, 4, 2, 2, 48)).getMessage());
        assertEquals("switch.radix: a dragonfly router needs nodes-per-router + routers-per-group − 1 + "
                        + "global-links-per-router = 2 + 3 + 2 = 7 ports, switch.radix is 6",
                assertThrows(BadInputException.class, () -> new Dragonfly(9, 4, 2, 2, 6)).getMessage());
        assertEquals("switch.dragonfly.groups: must be at least 2, was 1",
                assertThrows(BadInputException.class, () -> new Dragonfly(1, 4, 2, 2, 48)).getMessage());
    }
}
