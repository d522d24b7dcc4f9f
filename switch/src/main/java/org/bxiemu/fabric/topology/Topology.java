package org.bxiemu.fabric.topology;

/**
 * A family of fabrics with its parameters, already checked: {@link #build()} cannot fail on a
 * topology that was constructed.
 */
public interface Topology {
    /** The {@code switch.topology} value that selects this family, e.g. {@code fat-tree}. */
    String name();

    /** The switches, nodes and cables, numbered as the implementing class documents. */
    FabricGraph build();
}
