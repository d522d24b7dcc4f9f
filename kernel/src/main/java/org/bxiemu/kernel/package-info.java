/**
 * The per-node Kernel actor: threads, run queues, syscalls (uintr, eventfd, signals, pipes), IRQ handlers and the kernel side of x86 user interrupts.
 *
 * <p>Filled by its own issue; the module exists now so the dependency arrows of DESIGN.md §1
 * hold from the start.
 */
package org.bxiemu.kernel;
