package org.bxiemu.fabric;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Platform;
import java.util.SplittableRandom;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.routing.RoutingTables;
import org.bxiemu.fabric.routing.Valiant;
import org.bxiemu.protocol.fabric.Packet;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;

/**
 * Adds a fabric to a platform: one {@link Switch} per switch of the graph, one NIC component per
 * node (id {@code n0042.nic}, port {@code net}), and the links between them. A NIC is grouped
 * with its switch, so partitions are only ever cut at switch-to-switch links.
 */
public final class FabricPlatform {
    public static final String NIC_PORT = "net";
    /** A NIC's ports: the fabric link and the PCIe link to its host (left unconnected by test endpoints). */
    public static final String[] NIC_PORTS = {NIC_PORT, "host"};

    private FabricPlatform() {}

    public static String nicId(FabricGraph graph, int node) {
        return graph.nodeId(node) + ".nic";
    }

    /**
     * @param channels virtual channels per link ({@link VirtualChannels#count}); NICs must use the
     *     same rule: a packet travels a link on channel min(hops, channels − 1)
     */
    public static void addTo(Platform.Builder builder, FabricGraph graph, FabricSettings settings, PacketRouter router,
            int channels, IntFunction<Supplier<? extends Component>> nics) {
        addTo(builder, graph, settings, router, channels, LinkFaults.NONE, nics);
    }

    public static void addTo(Platform.Builder builder, FabricGraph graph, FabricSettings settings, PacketRouter router,
            int channels, LinkFaults faults, IntFunction<Supplier<? extends Component>> nics) {
        addTo(builder, graph, settings, router, channels, sw -> faults, List.of(), nics);
    }

    /** With a fault plan's link faults (per switch) and the fabric manager's reroutes. */
    public static void addTo(Platform.Builder builder, FabricGraph graph, FabricSettings settings, PacketRouter router,
            int channels, FabricFaults faults, IntFunction<Supplier<? extends Component>> nics) {
        addTo(builder, graph, settings, router, channels, faults::forSwitch, faults.reroutes(), nics);
    }

    private static void addTo(Platform.Builder builder, FabricGraph graph, FabricSettings settings, PacketRouter router,
            int channels, IntFunction<LinkFaults> faults, List<FabricFaults.Reroute> reroutes,
            IntFunction<Supplier<? extends Component>> nics) {
        for (int sw = 0; sw < graph.switches(); sw++) {
            int index = sw;
            int radix = graph.radix(sw);
            builder.component(graph.switchId(sw), graph.switchId(sw),
                    () -> new Switch(index, radix, channels, settings, router, faults.apply(index), reroutes),
                    Switch.portNames(radix));
        }
        for (int node = 0; node < graph.nodes(); node++) {
            String nic = nicId(graph, node);
            String sw = graph.switchId(graph.attachedSwitch(node));
            builder.component(nic, sw, nics.apply(node), NIC_PORTS);
            builder.connect(nic, NIC_PORT, sw, Switch.portName(graph.attachedPort(node)), settings.intoSwitch(),
                    settings.intoNic());
        }
        for (Link link : graph.links()) {
            builder.connect(graph.switchId(link.switchA()), Switch.portName(link.portA()),
                    graph.switchId(link.switchB()), Switch.portName(link.portB()), settings.intoSwitch());
        }
    }

    /** The router for the fabric manager's current algorithm and tables. */
    public static PacketRouter router(FabricManager manager) {
        return router(manager, manager.tables());
    }

    /** The router for the fabric manager's algorithm with {@code routingTables} (recomputed after failures). */
    public static PacketRouter router(FabricManager manager, RoutingTables routingTables) {
        PacketRouter tables = tableRouter(routingTables);
        if (!(manager.routing() instanceof Valiant valiant)) return tables;
        return new PacketRouter() {
            @Override
            public int route(int sw, Packet packet) {
                return tables.route(sw, packet);
            }

            @Override
            public boolean picksIntermediate() {
                return true;
            }

            @Override
            public int intermediate(int sw, Packet packet, SplittableRandom rng) {
                return valiant.intermediateSwitch(sw, packet.getDestination(), rng);
            }
        };
    }

    /** Routes by the fabric manager's tables (towards Valiant's intermediate switch first, if any). */
    public static PacketRouter tableRouter(RoutingTables tables) {
        return (sw, packet) -> packet.hasViaSwitch()
                ? tables.portToSwitch(sw, packet.getViaSwitch())
                : tables.port(sw, packet.getDestination());
    }
}
