package org.bxiemu.fabric.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.junit.jupiter.api.Test;

class TopologiesTest {
    /** The block proposed for reference.conf: the defaults. */
    static final String DEFAULTS = """
            switch {
              topology = fat-tree
              radix = 48
              routing = auto
              star { nodes = 16 }
              fat-tree { k = 8, levels = 2, uplinks = 8 }
              dragonfly { groups = 9, routers-per-group = 4, nodes-per-router = 2, global-links-per-router = 2 }
              torus { dimensions = [4, 4], nodes-per-switch = 1 }
            }
            """;

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(DEFAULTS)).resolve();
    }

    @Test
    void defaultsGiveAFullTwoLevelFatTree() {
        Topology t = Topologies.fromConfig(config(""));
        assertEquals(new FatTree(8, 2, 8, 48), t);
        assertEquals(64, t.build().nodes());
    }

    @Test
    void eachTopologyReadsItsOwnKeys() {
        assertEquals(new Star(16, 48), Topologies.fromConfig(config("switch.topology = star")));
        assertEquals(new FatTree(16, 3, 4, 32),
                Topologies.fromConfig(config("switch { topology = fat-tree, radix = 32, fat-tree { k = 16, levels = 3, uplinks = 4 } }")));
        assertEquals(new Dragonfly(9, 4, 2, 2, 48), Topologies.fromConfig(config("switch.topology = dragonfly")));
        assertEquals(new Torus(List.of(4, 4), 1, 48), Topologies.fromConfig(config("switch.topology = torus")));
        assertEquals(new Torus(List.of(2, 3, 4), 2, 48),
                Topologies.fromConfig(config("switch { topology = torus, torus { dimensions = [2, 3, 4], nodes-per-switch = 2 } }")));
    }

    @Test
    void onlyTheChosenTopologysKeysAreNeeded() {
        Config bare = ConfigFactory.parseString("switch { topology = star, radix = 8, star.nodes = 8 }");
        assertEquals(new Star(8, 8), Topologies.fromConfig(bare));
    }

    @Test
    void unknownTopologyIsRefusedListingTheKnownOnes() {
        assertEquals("switch.topology: unknown topology 'x' (known: dragonfly, fat-tree, star, torus)",
                assertThrows(BadInputException.class, () -> Topologies.fromConfig(config("switch.topology = x")))
                        .getMessage());
    }

    @Test
    void impossibleParametersNameTheirKey() {
        assertEquals("switch.star: 70 nodes need 70 ports, switch.radix is 48",
                assertThrows(BadInputException.class,
                        () -> Topologies.fromConfig(config("switch { topology = star, star.nodes = 70 }"))).getMessage());
        assertEquals("switch.radix: expected an integer, got \"many\"",
                assertThrows(BadInputException.class, () -> Topologies.fromConfig(config("switch.radix = many")))
                        .getMessage());
        assertEquals("switch.torus.dimensions: expected a list of integers such as [4, 4], got 4",
                assertThrows(BadInputException.class,
                        () -> Topologies.fromConfig(config("switch { topology = torus, torus.dimensions = 4 }"))).getMessage());
        assertEquals("switch.dragonfly.groups: missing (expected an integer)",
                assertThrows(BadInputException.class, () -> Topologies.fromConfig(
                        ConfigFactory.parseString("switch { topology = dragonfly, radix = 48 }"))).getMessage());
        assertEquals("switch.radix: 0 is out of range 1..32767",
                assertThrows(BadInputException.class, () -> Topologies.fromConfig(config("switch.radix = 0"))).getMessage());
    }
}
