package org.bxiemu.nic.bench;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.fabric.FabricPlatform;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.fabric.VirtualChannels;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Topologies;
import org.bxiemu.nic.Nic;
import org.bxiemu.nic.NicSettings;

/** The platform of {@code bench traffic}: the configured fabric, and a NIC and a traffic host on every node. */
public final class TrafficPlatform {
    private TrafficPlatform() {}

    public static Platform build(Config config) {
        FabricGraph graph = Topologies.fromConfig(config).build();
        FabricManager manager = FabricManager.fromConfig(graph, config);
        FabricSettings fabric = FabricSettings.from(config);
        NicSettings nic = NicSettings.from(config);
        TrafficParameters parameters = TrafficParameters.from(config);
        parameters.targets(0, graph.nodes()); // refuses an incast larger than the platform before anything starts
        int channels = VirtualChannels.count(manager);
        Platform.Builder b = Platform.builder();
        FabricPlatform.addTo(b, graph, fabric, FabricPlatform.router(manager), channels,
                node -> () -> new Nic(node, nic, fabric, channels));
        for (int n = 0; n < graph.nodes(); n++) {
            int node = n;
            String host = graph.nodeId(n) + ".host";
            b.component(host, graph.switchId(graph.attachedSwitch(n)),
                    () -> new TrafficHost(node, graph.nodes(), parameters), Nic.HOST);
            b.connect(host, Nic.HOST, FabricPlatform.nicId(graph, n), Nic.HOST, nic.pcieLatency());
        }
        return b.build();
    }

    /** Start time of the traffic (hosts ring their Puts then). */
    public static long start() {
        return TrafficHost.START;
    }
}
