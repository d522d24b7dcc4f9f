package org.bxiemu.node.user;

import org.bxiemu.kernel.SyscallResult;

/** What user code sees of the machine: the time, who it is, results, and its statistics. */
public interface UserApi {
    /** Virtual time in ps (as rdtsc would tell). */
    long now();

    /** The result of the previous step: a syscall's return, TESTUI's UIF; ok(0) for other steps. */
    SyscallResult result();

    /** The completions the previous {@link Step.Reap} took, oldest first. */
    java.util.List<Completion> completions();

    /** The events the previous {@link Step.TakeEvents} took, oldest first. */
    java.util.List<org.bxiemu.nic.portals.Event> events();

    /**
     * The address of this thread's UPID (0 before uintr_register_handler): what a device driver's
     * ioctl would hand to a NIC so that it posts user vectors to this thread.
     */
    long upid();

    int tid();

    int pid();

    int node();

    int core();

    /** Cycles of {@code ps} picoseconds at this core's frequency. */
    long cycles(long ps);

    /** Adds {@code amount} to the counter {@code name} of this core's statistics. */
    void count(String name, long amount);

    /** Records {@code value} in histogram {@code name} of this core's statistics. */
    void sample(String name, long value);
}
