package org.bxiemu.kernel;

import java.util.Optional;
import java.util.OptionalLong;
import org.bxiemu.engine.units.Cost;

/**
 * The kernel's answer to a {@link CoreEntry}: the core does {@code work} in kernel mode, then runs
 * {@code next}. {@code timer} is the deadline the core's local APIC timer must fire at (time
 * slice, sleeping threads), if any.
 */
public record KernelExit(Cost work, Next next, OptionalLong timer) {

    public sealed interface Next {}

    /** Go idle until an interrupt. */
    public record Idle() implements Next {}

    /**
     * Return to user mode in {@code thread}: with the {@code result} of its pending system call if it
     * made one, after running a signal handler first if a signal is being delivered.
     */
    public record RunThread(KernelThread thread, Optional<SyscallResult> result, Optional<SignalDelivery> signal)
            implements Next {}

    public record SignalDelivery(int signal, long value, SignalHandler handler) {}
}
