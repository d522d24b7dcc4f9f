package org.bxiemu.kernel.process;

import org.bxiemu.protocol.kernel.KernelRpc;

/** What the Kernel actor must do on behalf of its {@link ProcessManager}, in list order. */
public sealed interface ProcessEffect {

    /** Send {@code rpc} to the kernel of {@code toNode}. */
    record SendRpc(int toNode, KernelRpc rpc) implements ProcessEffect {}

    /** Create local thread {@code tid} of process {@code pid}, running {@code spec}. */
    record StartThread(int pid, int tid, ThreadSpec spec) implements ProcessEffect {}

    /** Kill local thread {@code tid} of {@code pid}, still running (murder). */
    record StopThread(int pid, int tid) implements ProcessEffect {}

    /** The local request {@code requestId} is over. */
    record Completed(long requestId, Outcome outcome) implements ProcessEffect {}

    /** At the owner: the whole process is gone (every thread, every copy, the reference). */
    record ProcessEnded(int pid, int exitCode) implements ProcessEffect {}

    /** This node dropped its copy of the descriptor of {@code pid}. */
    record CopyRemoved(int pid) implements ProcessEffect {}
}
