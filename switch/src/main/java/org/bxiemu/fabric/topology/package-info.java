/**
 * Fabric topologies: which switch port is cabled to which node or switch port.
 *
 * <p>{@link org.bxiemu.fabric.topology.Topologies#fromConfig} reads the {@code switch.*} keys and
 * returns a checked {@link org.bxiemu.fabric.topology.Topology} ({@link
 * org.bxiemu.fabric.topology.Star}, {@link org.bxiemu.fabric.topology.FatTree}, {@link
 * org.bxiemu.fabric.topology.Dragonfly}, {@link org.bxiemu.fabric.topology.Torus}), whose
 * {@code build()} gives the immutable {@link org.bxiemu.fabric.topology.FabricGraph}. Every
 * topology puts its nodes on the lowest ports of their switch, then its switch-to-switch links;
 * each class documents its numbering. Impossible parameters raise
 * {@link org.bxiemu.engine.BadInputException} naming the key at fault.
 */
package org.bxiemu.fabric.topology;
