package org.bxiemu.fabric;

import org.bxiemu.fabric.routing.DModK;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.routing.RoutingTables;
import org.bxiemu.fabric.routing.Valiant;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.PortPeer;

/**
 * How many virtual channels a fabric needs to be deadlock-free under credit flow control. A
 * packet uses channel min(hops so far, count − 1) on each link: with at least as many channels
 * as the longest route has switches, channel indices strictly increase along every route, so
 * buffer dependencies cannot form a cycle. Up/down routes of fat trees (d-mod-k) and a star
 * cannot deadlock, and need one.
 */
public final class VirtualChannels {
    private VirtualChannels() {}

    public static int count(FabricManager manager) {
        FabricGraph graph = manager.graph();
        if (manager.routing() instanceof DModK || graph.switches() == 1) return 1;
        int longest = longestRoute(graph, manager.tables());
        // Valiant: minimal to the intermediate switch, then minimal to the destination
        return manager.routing() instanceof Valiant ? 2 * longest : longest;
    }

    /** Most switches any node-to-node route traverses, by walking the tables. */
    static int longestRoute(FabricGraph graph, RoutingTables tables) {
        int longest = 1;
        for (int src = 0; src < graph.switches(); src++) {
            for (int dst = 0; dst < graph.nodes(); dst++) {
                int sw = src;
                int switches = 1;
                while (true) {
                    int port = tables.port(sw, dst);
                    if (port < 0) break;
                    PortPeer peer = graph.peer(sw, port);
                    if (!peer.isSwitch()) break;
                    sw = peer.index();
                    if (++switches > graph.switches()) {
                        throw new IllegalStateException("routing loop towards node " + dst + " from switch " + src);
                    }
                }
                longest = Math.max(longest, switches);
            }
        }
        return longest;
    }

    /** The channel a packet that has crossed {@code hops} switches uses on its next link. */
    public static int of(int hops, int count) {
        return Math.min(hops, count - 1);
    }
}
