/**
 * Distributed processes, as almos-mkh keeps them across clusters, as pure logic (no engine, no
 * actors): the Kernel actor feeds a {@link org.bxiemu.kernel.process.ProcessManager} its local
 * calls and incoming {@code KernelRpc}s and carries out the {@link
 * org.bxiemu.kernel.process.ProcessEffect}s it returns.
 *
 * <p>A PID ({@link org.bxiemu.kernel.process.Pid}) names the node owning the process, a TID
 * ({@link org.bxiemu.kernel.process.Tid}) the node hosting the thread. The owner holds the
 * <em>reference</em> descriptor (copy nodes, live threads per node); every other node hosting a
 * thread holds a <em>copy</em> (owner and local threads), created with its first thread there.
 * Threads are spawned from the owner (simple RPC for one remote node, parallel RPC for several),
 * end themselves ({@code exit}) or are killed from anywhere ({@code kill}); when the last one is
 * gone, or on {@code killProcess}, the owner destroys every copy, then its reference.
 */
package org.bxiemu.kernel.process;
