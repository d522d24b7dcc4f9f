package org.bxiemu.kernel;

/**
 * A core entering the kernel (core to kernel; in-process, a node's components share a partition).
 * The core stays in kernel mode until the kernel's {@link KernelExit}.
 */
public sealed interface CoreEntry {
    int core();

    /** {@code thread} (running on {@code core}) makes a system call. */
    record SyscallEntry(int core, KernelThread thread, Syscall call) implements CoreEntry {}

    /**
     * An interrupt the kernel handles: {@code thread} is what the core was running (null when
     * idle). {@code sourceUpid} is the UPID whose post raised a uintr vector, standing in for the
     * kernel's scan of its waiting receivers (0 for other vectors).
     */
    record InterruptEntry(int core, KernelThread thread, int vector, long sourceUpid) implements CoreEntry {}

    /** {@code thread} faulted (an invalid UITT index in SENDUIPI: #GP); the kernel kills it. */
    record FaultEntry(int core, KernelThread thread, String reason) implements CoreEntry {}
}
