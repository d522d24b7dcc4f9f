package org.bxiemu.fabric.routing;

import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;

/**
 * Destination-mod-k routing for fat trees (Zahavi et al.): a packet climbs until it reaches a
 * switch whose subtree holds the destination, then descends along the only path down. At level
 * {@code l} (0 = leaves) the up port is {@code k + (dst / k^l) mod uplinks}, so consecutive
 * destinations fan out over the up-links and all traffic to one destination converges on one top
 * switch; routes take at most {@code 2·levels − 1} switches and are shortest paths.
 *
 * <p>Balance: a switch's up ports serve equal numbers of remote destinations when uplinks divides
 * k (full trees included). Otherwise the residues mod uplinks are uneven within each subtree and
 * the shares differ by up to two child subtrees ({@code 2·k^l} nodes): a property of any choice
 * made from the destination alone, which is what lets all routes to a node converge.
 *
 * <p>Switch-to-switch routes (only Valiant-style detours need them, and fat trees do not use
 * those) are the deterministic shortest paths of {@link ShortestPath}.
 */
public final class DModK implements Routing {
    public static final String NAME = "d-mod-k";

    private final FabricGraph graph;
    private final FatTree tree;

    public DModK(FabricGraph graph) {
        if (!(graph.topology() instanceof FatTree t)) throw FabricManager.misfit(NAME, FatTree.NAME, graph);
        this.graph = graph;
        this.tree = t;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutingTables tables() {
        int k = tree.k();
        int uplinks = tree.uplinks();
        short[][] toNode = new short[graph.switches()][graph.nodes()];
        for (int sw = 0; sw < graph.switches(); sw++) {
            int level = graph.level(sw);
            int parallel = pow(uplinks, level);
            int subtree = (sw - tree.firstSwitch(level)) / parallel; // nodes d with d / k^(level+1) == subtree
            int span = pow(k, level); // nodes under one child of this switch
            short[] row = toNode[sw];
            for (int dst = 0; dst < row.length; dst++) {
                int child = dst / span;
                row[dst] = (short) (child / k == subtree ? child % k : tree.upPort(child % uplinks));
            }
        }
        return new RoutingTables(NAME, toNode, ShortestPath.switchTable(graph, Failures.none(graph)));
    }

    private static int pow(int base, int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) p *= base;
        return p;
    }
}
