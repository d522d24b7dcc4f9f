/**
 * One machine: the {@link org.bxiemu.node.Node} (memory and PCIe hub: UPIDs, UITTs, shared words,
 * the APIC fabric), its {@link org.bxiemu.node.Core}s (each with its local APIC and the
 * user-interrupt unit), and the user-thread API ({@link org.bxiemu.node.user}) that programs and the
 * MPI library implement. {@link org.bxiemu.node.NodePlatform} wires nodes with their kernels and NICs.
 */
package org.bxiemu.node;
