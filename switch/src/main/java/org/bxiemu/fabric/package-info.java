/**
 * BXI switches: the Switch actor, topologies (fat tree, dragonfly, torus, star), deterministic routing, credit-based flow control and the fabric manager.
 *
 * <p>Filled by its own issue; the module exists now so the dependency arrows of DESIGN.md §1
 * hold from the start.
 */
package org.bxiemu.fabric;
