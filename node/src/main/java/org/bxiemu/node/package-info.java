/**
 * The Node (memory and PCIe hub) and Core (core with its local APIC and user-interrupt recognition and delivery) actors, and the user-thread API.
 *
 * <p>Filled by its own issue; the module exists now so the dependency arrows of DESIGN.md §1
 * hold from the start.
 */
package org.bxiemu.node;
