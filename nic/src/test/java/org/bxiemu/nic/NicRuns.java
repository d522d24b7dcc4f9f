package org.bxiemu.nic;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.FabricPlatform;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.fabric.LinkFaults;
import org.bxiemu.fabric.PacketRouter;
import org.bxiemu.fabric.VirtualChannels;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.topology.FabricGraph;

/** NICs on a fabric, each with a scripted host double, run on this JVM. */
final class NicRuns {
    static final FabricSettings FABRIC = new FabricSettings(Bandwidth.parse("100Gb/s", "test"), 20 * Durations.NS,
            120 * Durations.NS, 64 * 1024);
    static final NicSettings NIC = new NicSettings(4096, 64, 100 * Durations.NS, 10 * Durations.NS,
            20 * Durations.US, 500 * Durations.NS, 250 * Durations.NS);

    record Outcome(RunResult result, List<HostDouble> hosts) {}

    private NicRuns() {}

    /** Host memory of 1 MiB where byte i holds (i * 7 + node) mod 256: easy to check after a copy. */
    static byte[] pattern(int node) {
        byte[] m = new byte[1 << 20];
        for (int i = 0; i < m.length; i++) m[i] = (byte) (i * 7 + node);
        return m;
    }

    static Outcome run(FabricGraph graph, NicSettings nic, IntFunction<List<HostDouble.Ring>> scripts, long end,
            int partitions, boolean fusion, PacketRouter router) {
        return run(graph, nic, scripts, end, partitions, fusion, router, LinkFaults.NONE);
    }

    static Outcome run(FabricGraph graph, NicSettings nic, IntFunction<List<HostDouble.Ring>> scripts, long end,
            int partitions, boolean fusion, PacketRouter router, LinkFaults faults) {
        FabricManager manager = new FabricManager(graph, FabricManager.AUTO);
        int channels = VirtualChannels.count(manager);
        List<HostDouble> hosts = new ArrayList<>();
        for (int n = 0; n < graph.nodes(); n++) hosts.add(null);
        Platform.Builder b = Platform.builder();
        FabricPlatform.addTo(b, graph, FABRIC, router == null ? FabricPlatform.router(manager) : router, channels,
                faults, node -> () -> new Nic(node, nic, FABRIC, channels, faults));
        for (int n = 0; n < graph.nodes(); n++) {
            int node = n;
            String hostId = graph.nodeId(n) + ".host";
            b.component(hostId, graph.switchId(graph.attachedSwitch(n)), () -> {
                HostDouble h = new HostDouble(pattern(node), scripts.apply(node));
                hosts.set(node, h);
                return h;
            }, Nic.HOST);
            b.connect(hostId, Nic.HOST, FabricPlatform.nicId(graph, n), Nic.HOST, nic.pcieLatency());
        }
        EngineSettings engine = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(partitions)
                .withFusion(fusion);
        RunResult r = Emulation.lead(RunSetup.of(b.build(), engine, 1, 11, end), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        return new Outcome(r, hosts);
    }
}
