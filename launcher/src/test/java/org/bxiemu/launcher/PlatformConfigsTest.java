package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.fabric.VirtualChannels;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Topologies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped platforms build: their keys exist, their topologies fit the switches, every node is routed. */
class PlatformConfigsTest {
    private static Path configs() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("configs/platforms"))) return p.resolve("configs");
        }
        throw new AssertionError("no configs/ above " + here);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 256, 1024, 4096})
    void bxiFatTreeBuildsWithTheAdvertisedNodeCount(int nodes) throws IOException {
        Path file = configs().resolve("platforms/bxi-fat-tree-" + nodes + ".conf");
        Config config = ConfigFactory.parseFile(file.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();
        FabricGraph graph = Topologies.fromConfig(config).build();
        assertEquals(nodes, graph.nodes());
        FabricManager manager = FabricManager.fromConfig(graph, config);
        for (int n = 0; n < nodes; n++) {
            assertTrue(manager.tables().port(graph.attachedSwitch(n), n) >= 0, "node " + n + " is routed");
        }
        assertEquals(1, VirtualChannels.count(manager), "up/down routing needs no extra channel");
        assertEquals(100_000_000_000L, FabricSettings.from(config).linkBandwidth().bitsPerSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"platforms"})
    void everyShippedConfigParses(String folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(configs().resolve(folder))) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(files.size() >= 4);
        for (Path f : files) ConfigFactory.parseFile(f.toFile()).resolve();
    }
}
