/**
 * The kernel of one node: threads and per-core run queues, syscalls, signals, eventfd, pipes, UNIX
 * sockets, timers, IRQ handlers, the kernel side of x86 user interrupts, and processes spanning
 * nodes ({@link org.bxiemu.kernel.process}). The {@link org.bxiemu.kernel.Kernel} component holds
 * the kernel's state and makes its decisions, but kernel work runs on cores: a core enters the
 * kernel ({@link org.bxiemu.kernel.CoreEntry}), the kernel answers with the work to charge to that
 * core and what it runs next ({@link org.bxiemu.kernel.KernelExit}). The kernel never acts on a
 * core that did not enter it; it reaches other cores with IPIs through the node's APIC fabric.
 */
package org.bxiemu.kernel;
