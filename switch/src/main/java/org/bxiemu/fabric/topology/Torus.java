package org.bxiemu.fabric.topology;

import java.util.Arrays;
import java.util.List;
import org.bxiemu.engine.BadInputException;

/**
 * A 2D or 3D torus: one switch per coordinate, {@code nodesPerSwitch} (c) nodes on each, and
 * wrap-around links along every dimension.
 *
 * <p>Switch index {@code x0 + d0·(x1 + d1·x2)} (dimension 0 varies fastest); node {@code i} is on
 * switch {@code i / c}, port {@code i % c}. Ports {@code c + 2·d} and {@code c + 2·d + 1} are the
 * + and − links of dimension d: the + port of coordinate x is cabled to the − port of x + 1
 * (mod size). A dimension of size 2 therefore gets two parallel links between its two switches
 * (0+ to 1− and 1+ to 0−), like a longer ring folded onto itself: every port is used and the
 * port layout is the same for every size.
 */
public record Torus(List<Integer> dimensions, int nodesPerSwitch, int radix) implements Topology {
    public static final String NAME = "torus";
    static final String KEY = "switch.torus";

    public Torus {
        Parameters.checkRadix(radix);
        dimensions = List.copyOf(dimensions);
        if (dimensions.size() < 2 || dimensions.size() > 3) {
            throw new BadInputException(KEY + ".dimensions: a torus has 2 or 3 dimensions, got " + dimensions);
        }
        for (int d = 0; d < dimensions.size(); d++) {
            if (dimensions.get(d) < 2) {
                throw new BadInputException(KEY + ".dimensions: dimension " + d + " has size " + dimensions.get(d)
                        + ", each needs at least 2 (got " + dimensions + ")");
            }
        }
        Parameters.atLeast(KEY + ".nodes-per-switch", nodesPerSwitch, 1);
        long ports = (long) nodesPerSwitch + 2L * dimensions.size();
        if (ports > radix) {
            throw new BadInputException(Parameters.RADIX_KEY + ": a " + dimensions.size() + "D torus switch needs "
                    + "nodes-per-switch + 2 × dimensions = " + nodesPerSwitch + " + " + 2 * dimensions.size() + " = "
                    + ports + " ports, " + Parameters.RADIX_KEY + " is " + radix);
        }
        long[] sizes = dimensions.stream().mapToLong(Integer::longValue).toArray();
        long switches = Parameters.product(KEY + ".dimensions", "switches", FabricGraph.MAX_SWITCHES, sizes);
        Parameters.product(KEY, "nodes", FabricGraph.MAX_NODES, switches, nodesPerSwitch);
    }

    @Override
    public String name() {
        return NAME;
    }

    public int switches() {
        int s = 1;
        for (int size : dimensions) s *= size;
        return s;
    }

    public int nodes() {
        return switches() * nodesPerSwitch;
    }

    public int size(int dimension) {
        return dimensions.get(dimension);
    }

    /** The port of the link towards coordinate + 1 along a dimension. */
    public int plusPort(int dimension) {
        return nodesPerSwitch + 2 * dimension;
    }

    /** The port of the link towards coordinate − 1 along a dimension. */
    public int minusPort(int dimension) {
        return nodesPerSwitch + 2 * dimension + 1;
    }

    public int[] coordinatesOf(int sw) {
        int[] c = new int[dimensions.size()];
        for (int d = 0; d < c.length; d++) {
            c[d] = sw % size(d);
            sw /= size(d);
        }
        return c;
    }

    public int switchAt(int[] coordinates) {
        int sw = 0;
        for (int d = coordinates.length - 1; d >= 0; d--) sw = sw * size(d) + Math.floorMod(coordinates[d], size(d));
        return sw;
    }

    @Override
    public FabricGraph build() {
        int[] radices = new int[switches()];
        Arrays.fill(radices, radix);
        FabricGraph.Builder b = FabricGraph.builder(this, KEY, radices, nodes());
        for (int node = 0; node < nodes(); node++) b.attach(node, node / nodesPerSwitch, node % nodesPerSwitch);
        for (int sw = 0; sw < switches(); sw++) {
            int[] c = coordinatesOf(sw);
            b.coordinates(sw, c);
            for (int d = 0; d < c.length; d++) {
                int[] next = c.clone();
                next[d]++;
                b.link(sw, plusPort(d), switchAt(next), minusPort(d));
            }
        }
        return b.build();
    }
}
