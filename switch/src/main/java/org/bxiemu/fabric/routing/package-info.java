/**
 * Deterministic routing tables over a {@link org.bxiemu.fabric.topology.FabricGraph}.
 *
 * <p>{@link org.bxiemu.fabric.routing.FabricManager} picks an algorithm by its
 * {@code switch.routing} name — {@link org.bxiemu.fabric.routing.DModK} (fat trees),
 * {@link org.bxiemu.fabric.routing.Minimal} and {@link org.bxiemu.fabric.routing.Valiant}
 * (dragonflies), {@link org.bxiemu.fabric.routing.DimensionOrder} (tori),
 * {@link org.bxiemu.fabric.routing.ShortestPath} (any graph) — computes its
 * {@link org.bxiemu.fabric.routing.RoutingTables}, and recomputes them around failed links and
 * switches. Tables are arrays filled in index order; no hash order, clock or unseeded randomness
 * enters them, so the same fabric and failures give the same tables in every JVM.
 */
package org.bxiemu.fabric.routing;
