package org.bxiemu.fabric.routing;

import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Torus;

/**
 * Dimension-order routing for tori: correct dimension 0 fully, then 1, then 2, each the short
 * way round the ring; when both ways are equally long (an even ring, half-way across) the +
 * direction wins, so the route is fixed. A route takes exactly the wrap-around Manhattan distance
 * in switch hops.
 */
public final class DimensionOrder implements Routing {
    public static final String NAME = "dimension-order";

    private final FabricGraph graph;
    private final Torus torus;

    public DimensionOrder(FabricGraph graph) {
        if (!(graph.topology() instanceof Torus t)) throw FabricManager.misfit(NAME, Torus.NAME, graph);
        this.graph = graph;
        this.torus = t;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutingTables tables() {
        int switches = graph.switches();
        int[][] coordinates = new int[switches][];
        for (int sw = 0; sw < switches; sw++) coordinates[sw] = torus.coordinatesOf(sw);
        short[][] toSwitch = new short[switches][switches];
        for (int sw = 0; sw < switches; sw++) {
            for (int target = 0; target < switches; target++) {
                toSwitch[sw][target] = (short) port(coordinates[sw], coordinates[target]);
            }
        }
        return new RoutingTables(NAME, ShortestPath.nodeTable(graph, Failures.none(graph), toSwitch), toSwitch);
    }

    private int port(int[] here, int[] there) {
        for (int d = 0; d < here.length; d++) {
            if (here[d] == there[d]) continue;
            int forward = Math.floorMod(there[d] - here[d], torus.size(d));
            int backward = torus.size(d) - forward;
            return forward <= backward ? torus.plusPort(d) : torus.minusPort(d);
        }
        return RoutingTables.UNREACHABLE; // here is there
    }
}
