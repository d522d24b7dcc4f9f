/**
 * The MPI library that runs on emulated cores: point to point, collectives, progression engines (poll, progress thread, idle poll, signal, eventfd, uintr, xUI, offload).
 *
 * <p>Filled by its own issue; the module exists now so the dependency arrows of DESIGN.md §1
 * hold from the start.
 */
package org.bxiemu.mpi;
