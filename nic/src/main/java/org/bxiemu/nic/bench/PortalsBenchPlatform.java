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

/** The platform of {@code bench portals}: the configured fabric, a NIC per node, benchmark hosts on two nodes. */
public final class PortalsBenchPlatform {
    private PortalsBenchPlatform() {}

    public static String hostId(FabricGraph graph, int node) {
        return graph.nodeId(node) + ".host";
    }

    public static Platform build(Config config) {
        FabricGraph graph = Topologies.fromConfig(config).build();
        FabricManager manager = FabricManager.fromConfig(graph, config);
        FabricSettings fabric = FabricSettings.from(config);
        NicSettings nic = NicSettings.from(config);
        PortalsBenchParameters parameters = PortalsBenchParameters.from(config);
        int channels = VirtualChannels.count(manager);
        int peer = parameters.peerNode(graph.nodes());
        Platform.Builder b = Platform.builder();
        FabricPlatform.addTo(b, graph, fabric, FabricPlatform.router(manager), channels,
                node -> () -> new Nic(node, nic, fabric, channels));
        int[] pair = {0, peer};
        for (int i = 0; i < 2; i++) {
            int node = pair[i];
            boolean leader = i == 0;
            int other = pair[1 - i];
            b.component(hostId(graph, node), graph.switchId(graph.attachedSwitch(node)),
                    () -> new PortalsBenchHost(leader, other, parameters), Nic.HOST);
            b.connect(hostId(graph, node), Nic.HOST, FabricPlatform.nicId(graph, node), Nic.HOST, nic.pcieLatency());
        }
        return b.build();
    }
}
