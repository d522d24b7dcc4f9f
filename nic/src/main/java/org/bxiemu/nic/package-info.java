/**
 * The BXI NIC: Portals 4 subset (Put, Get, atomics, matching lists, event queues, counters, triggered operations), packetisation, end-to-end reliability and interrupt generation.
 *
 * <p>Filled by its own issue; the module exists now so the dependency arrows of DESIGN.md §1
 * hold from the start.
 */
package org.bxiemu.nic;
