package org.bxiemu.fabric.routing;

import java.util.Arrays;
import org.bxiemu.fabric.topology.FabricGraph;

/**
 * Shortest paths in switch hops, for any graph: a breadth-first search from every target switch,
 * then at each switch the lowest-numbered port whose neighbour is one hop closer. It routes a
 * star, and is the fallback after failures for every other algorithm.
 */
public final class ShortestPath implements Routing {
    public static final String NAME = "shortest-path";

    private final FabricGraph graph;

    public ShortestPath(FabricGraph graph) {
        this.graph = graph;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutingTables tables() {
        return tables(graph, Failures.none(graph), NAME);
    }

    /** Shortest paths over the switches and links that survive {@code failures}. */
    static RoutingTables tables(FabricGraph graph, Failures failures, String name) {
        short[][] toSwitch = switchTable(graph, failures);
        return new RoutingTables(name, nodeTable(graph, failures, toSwitch), toSwitch);
    }

    static short[][] switchTable(FabricGraph graph, Failures failures) {
        int switches = graph.switches();
        // live neighbours of each switch, in port order, so the first closer one is the lowest port
        int[][] neighbourPort = new int[switches][];
        int[][] neighbour = new int[switches][];
        for (int sw = 0; sw < switches; sw++) {
            int[] ports = new int[graph.radix(sw)];
            int[] peers = new int[graph.radix(sw)];
            int n = 0;
            for (int port = 0; port < graph.radix(sw); port++) {
                if (failures.hopUsable(sw, port)) {
                    ports[n] = port;
                    peers[n++] = graph.peer(sw, port).index();
                }
            }
            neighbourPort[sw] = Arrays.copyOf(ports, n);
            neighbour[sw] = Arrays.copyOf(peers, n);
        }
        short[][] toSwitch = RoutingTables.unreachable(switches, switches);
        int[] distance = new int[switches];
        int[] queue = new int[switches];
        for (int target = 0; target < switches; target++) {
            if (failures.switchDown(target)) continue;
            Arrays.fill(distance, -1);
            distance[target] = 0;
            queue[0] = target;
            for (int head = 0, tail = 1; head < tail; head++) {
                int sw = queue[head];
                for (int next : neighbour[sw]) {
                    if (distance[next] < 0) {
                        distance[next] = distance[sw] + 1;
                        queue[tail++] = next;
                    }
                }
            }
            for (int sw = 0; sw < switches; sw++) {
                if (sw == target || distance[sw] < 0) continue;
                for (int i = 0; i < neighbour[sw].length; i++) {
                    if (distance[neighbour[sw][i]] == distance[sw] - 1) {
                        toSwitch[sw][target] = (short) neighbourPort[sw][i];
                        break;
                    }
                }
            }
        }
        return toSwitch;
    }

    /** Routes to a node as to its switch, then down its port; nothing leaves a failed switch. */
    static short[][] nodeTable(FabricGraph graph, Failures failures, short[][] toSwitch) {
        short[][] toNode = RoutingTables.unreachable(graph.switches(), graph.nodes());
        for (int sw = 0; sw < graph.switches(); sw++) {
            if (failures.switchDown(sw)) continue;
            for (int node = 0; node < graph.nodes(); node++) {
                int home = graph.attachedSwitch(node);
                toNode[sw][node] = home == sw ? (short) graph.attachedPort(node) : toSwitch[sw][home];
            }
        }
        return toNode;
    }
}
