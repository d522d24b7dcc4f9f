package org.bxiemu.fabric.topology;

import org.bxiemu.engine.BadInputException;

/** One switch with every node on it: node {@code i} on port {@code i}. */
public record Star(int nodes, int radix) implements Topology {
    public static final String NAME = "star";
    static final String KEY = "switch.star";

    public Star {
        Parameters.checkRadix(radix);
        Parameters.atLeast(KEY + ".nodes", nodes, 1);
        if (nodes > radix) {
            throw new BadInputException(KEY + ": " + nodes + " nodes need " + nodes + " ports, "
                    + Parameters.RADIX_KEY + " is " + radix);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FabricGraph build() {
        FabricGraph.Builder b = FabricGraph.builder(this, KEY, new int[] {radix}, nodes);
        for (int node = 0; node < nodes; node++) b.attach(node, 0, node);
        return b.build();
    }
}
