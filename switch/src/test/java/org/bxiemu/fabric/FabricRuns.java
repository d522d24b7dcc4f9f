package org.bxiemu.fabric;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.routing.RoutingTables;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.protocol.engine.ComponentStatistics;

/** Builds fabrics with scripted endpoints and runs them on this JVM, for the fabric's tests. */
final class FabricRuns {
    static final FabricSettings BXI = new FabricSettings(Bandwidth.parse("100Gb/s", "test"), 20 * Durations.NS,
            120 * Durations.NS, 64 * 1024);

    private FabricRuns() {}

    static RunResult run(FabricGraph graph, RoutingTables tables, FabricSettings settings,
            Map<Integer, List<TrafficEndpoint.Send>> scripts, long end, int partitions, boolean fusion) {
        return run(graph, FabricPlatform.tableRouter(tables), 1, settings, scripts, end, partitions, fusion);
    }

    static RunResult run(org.bxiemu.fabric.routing.FabricManager manager, FabricSettings settings,
            Map<Integer, List<TrafficEndpoint.Send>> scripts, long end, int partitions, boolean fusion) {
        return run(manager.graph(), FabricPlatform.router(manager), VirtualChannels.count(manager), settings, scripts,
                end, partitions, fusion);
    }

    static RunResult run(FabricGraph graph, PacketRouter router, int channels, FabricSettings settings,
            Map<Integer, List<TrafficEndpoint.Send>> scripts, long end, int partitions, boolean fusion) {
        Platform.Builder builder = Platform.builder();
        FabricPlatform.addTo(builder, graph, settings, router, channels,
                node -> () -> new TrafficEndpoint(node, settings, channels, scripts.getOrDefault(node, List.of())));
        EngineSettings engine = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(partitions)
                .withFusion(fusion);
        RunSetup setup = RunSetup.of(builder.build(), engine, 1, 7, end);
        return Emulation.lead(setup, null, RunProgress.NONE, Emulation.ChildObserver.NONE);
    }

    static ComponentStatistics component(RunResult r, String id) {
        return r.components().stream().filter(c -> c.getId().equals(id)).findFirst().orElseThrow();
    }

    static long counter(RunResult r, String id, String name) {
        return component(r, id).getCountersList().stream().filter(c -> c.getName().equals(name))
                .mapToLong(org.bxiemu.protocol.engine.Counter::getValue).findFirst().orElse(0);
    }

    static org.bxiemu.protocol.engine.Histogram histogram(RunResult r, String id, String name) {
        return component(r, id).getHistogramsList().stream().filter(h -> h.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
