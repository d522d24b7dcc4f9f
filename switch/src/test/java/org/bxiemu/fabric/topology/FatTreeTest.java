package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.bxiemu.engine.BadInputException;
import org.junit.jupiter.api.Test;

class FatTreeTest {

    @Test
    void fullTreeHasKToTheLevelsNodesAndEqualLevels() {
        FatTree t = new FatTree(4, 3, 4, 8);
        FabricGraph g = t.build();
        assertEquals(64, t.nodes());
        for (int level = 0; level < 3; level++) assertEquals(16, t.switchesAtLevel(level));
        assertEquals(48, t.switches());
        assertEquals(0, g.level(0));
        assertEquals(2, g.level(47));
    }

    @Test
    void taperedTreeShrinksUpperLevelsByUplinksOverK() {
        FatTree t = new FatTree(4, 3, 2, 8);
        assertEquals(64, t.nodes());
        assertEquals(16, t.switchesAtLevel(0));
        assertEquals(8, t.switchesAtLevel(1));
        assertEquals(4, t.switchesAtLevel(2));
        FabricGraph g = t.build();
        for (int sw = 0; sw < g.switches(); sw++) {
            int level = g.level(sw);
            int down = 0;
            int up = 0;
            for (int port = 0; port < g.radix(sw); port++) {
                PortPeer p = g.peer(sw, port);
                if (p.kind() == PortPeer.Kind.NONE) continue;
                boolean goesUp = p.isSwitch() && g.level(p.index()) == level + 1;
                if (goesUp) {
                    up++;
                    assertTrue(port >= 4 && port < 6, "up ports are k..k+uplinks-1");
                } else {
                    down++;
                    assertTrue(port < 4, "down ports are 0..k-1");
                    if (p.isSwitch()) assertEquals(level - 1, g.level(p.index()), "links join adjacent levels");
                    else assertEquals(0, level, "only leaves hold nodes");
                }
            }
            assertEquals(4, down, g.switchId(sw) + " down ports");
            assertEquals(level == 2 ? 0 : 2, up, g.switchId(sw) + " up ports");
        }
    }

    @Test
    void everyTopSwitchReachesEveryNodeGoingDown() {
        for (FatTree t : new FatTree[] {new FatTree(4, 3, 4, 8), new FatTree(4, 3, 2, 8), new FatTree(3, 2, 1, 4)}) {
            FabricGraph g = t.build();
            for (int top = t.firstSwitch(t.levels() - 1); top < t.switches(); top++) {
                BitSet below = new BitSet();
                collectBelow(g, top, below);
                assertEquals(t.nodes(), below.cardinality(), t + " " + g.switchId(top));
            }
        }
    }

    private static void collectBelow(FabricGraph g, int sw, BitSet nodes) {
        for (int port = 0; port < g.radix(sw); port++) {
            PortPeer p = g.peer(sw, port);
            if (p.isNode()) nodes.set(p.index());
            else if (p.isSwitch() && g.level(p.index()) < g.level(sw)) collectBelow(g, p.index(), nodes);
        }
    }

    @Test
    void impossibleTreesAreRefusedNamingTheKey() {
        assertEquals("switch.radix: a fat-tree switch below the top needs k + uplinks = 16 + 16 = 32 ports, "
                        + "switch.radix is 24",
                assertThrows(BadInputException.class, () -> new FatTree(16, 2, 16, 24)).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> new FatTree(8, 2, 9, 48)).getMessage()
                .startsWith("switch.fat-tree.uplinks: 9 is out of range 1..8"));
        assertTrue(assertThrows(BadInputException.class, () -> new FatTree(8, 1, 8, 48)).getMessage()
                .startsWith("switch.fat-tree.levels: 1 is out of range 2..4"));
        assertTrue(assertThrows(BadInputException.class, () -> new FatTree(1, 2, 1, 48)).getMessage()
                .startsWith("switch.fat-tree.k: "));
        assertTrue(assertThrows(BadInputException.class, () -> new FatTree(2000, 3, 1, 4096)).getMessage()
                .startsWith("switch.fat-tree: more than"));
    }
}
