package org.bxiemu.fabric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.junit.jupiter.api.Test;

class ValiantTest {
    private final Dragonfly dragonfly = new Dragonfly(9, 4, 2, 2, 48);
    private final FabricGraph g = dragonfly.build();
    private final Valiant valiant = new Valiant(g);
    private final RoutingTables t = valiant.tables();

    @Test
    void tablesAreTheMinimalOnes() {
        assertEquals("valiant", t.routing());
        assertEquals(new Minimal(g).tables().named("valiant"), t);
    }

    @Test
    void intermediateGroupIsUniformOverTheOtherGroups() {
        SplittableRandom rng = new SplittableRandom(7);
        int src = 5; // group 1
        int dst = 70; // on router 35, group 8
        int[] perGroup = new int[9];
        int draws = 7000;
        for (int i = 0; i < draws; i++) {
            int inter = valiant.intermediateSwitch(src, dst, rng);
            perGroup[g.group(inter)]++;
        }
        assertEquals(0, perGroup[1], "never the source group");
        assertEquals(0, perGroup[8], "never the destination group");
        for (int group : new int[] {0, 2, 3, 4, 5, 6, 7}) {
            assertTrue(Math.abs(perGroup[group] - draws / 7) < draws / 7 / 5, "group " + group + ": " + perGroup[group]);
        }
    }

    @Test
    void theSameSeedGivesTheSameChoices() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            int src = i % g.switches();
            int dst = (i * 7) % g.nodes();
            assertEquals(valiant.intermediateSwitch(src, dst, a), valiant.intermediateSwitch(src, dst, b));
        }
    }

    @Test
    void detoursTakeAtMostFiveHopsAndEnterTheIntermediateGroupWithoutALocalHop() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int src = 0; src < g.switches(); src++) {
            for (int dst = 0; dst < g.nodes(); dst++) {
                int inter = valiant.intermediateSwitch(src, dst, rng);
                if (g.group(src) == g.group(g.attachedSwitch(dst))) {
                    assertEquals(src, inter, "no detour inside a group");
                    continue;
                }
                Routes.Route first = Routes.toSwitch(g, t, src, inter);
                Routes.Route second = Routes.toNode(g, t, inter, dst);
                assertTrue(first.switchHops() <= 2, first.toString());
                var last = first.links().get(first.links().size() - 1);
                assertNotEquals(g.group(last.switchA()), g.group(last.switchB()), "the first leg ends on a global link");
                assertTrue(first.switchHops() + second.switchHops() <= 5);
            }
        }
    }

    @Test
    void noDetourLeavesTheRandomStreamUntouched() {
        SplittableRandom used = new SplittableRandom(3);
        assertEquals(0, valiant.intermediateSwitch(0, 3, used), "destination on a router of the same group");
        assertEquals(new SplittableRandom(3).nextLong(), used.nextLong());
        FabricGraph twoGroups = new Dragonfly(2, 4, 2, 2, 7).build();
        assertEquals(1, new Valiant(twoGroups).intermediateSwitch(1, 15, new SplittableRandom(3)), "no third group");
    }

    @Test
    void valiantNeedsADragonfly() {
        FabricGraph tree = new FatTree(4, 2, 4, 8).build();
        assertEquals("switch.routing: valiant needs a dragonfly topology, switch.topology is fat-tree "
                + "(fitting: auto, d-mod-k, shortest-path)", assertThrows(BadInputException.class, () -> new Valiant(tree))
                .getMessage());
        assertEquals(List.of("auto", "minimal", "shortest-path", "valiant"), FabricManager.fitting(g));
    }
}
