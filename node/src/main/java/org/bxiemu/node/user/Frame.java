package org.bxiemu.node.user;

import org.bxiemu.kernel.SyscallResult;

/**
 * One level of a thread's user-mode execution: the main program, or a handler invocation stacked
 * on it. A frame remembers the step an interrupt split (with its remaining time) or the result
 * its program will see next.
 */
public final class Frame {
    public enum Kind { MAIN, USER_INTERRUPT, SIGNAL }

    private final Kind kind;
    private final ThreadProgram program;
    private Step suspended;
    private long remaining;
    private SyscallResult result = SyscallResult.ok(0);

    public Frame(Kind kind, ThreadProgram program) {
        this.kind = kind;
        this.program = program;
    }

    public Kind kind() {
        return kind;
    }

    public ThreadProgram program() {
        return program;
    }

    /** The step an interrupt split, or null. */
    public Step suspended() {
        return suspended;
    }

    public long remaining() {
        return remaining;
    }

    public void suspend(Step step, long remaining) {
        this.suspended = step;
        this.remaining = remaining;
    }

    public void resumed() {
        suspended = null;
        remaining = 0;
    }

    private java.util.List<Completion> completions = java.util.List.of();

    public java.util.List<Completion> completions() {
        return completions;
    }

    public void completions(java.util.List<Completion> reaped) {
        this.completions = java.util.List.copyOf(reaped);
    }

    private java.util.List<org.bxiemu.nic.portals.Event> events = java.util.List.of();

    public java.util.List<org.bxiemu.nic.portals.Event> events() {
        return events;
    }

    public void events(java.util.List<org.bxiemu.nic.portals.Event> taken) {
        this.events = java.util.List.copyOf(taken);
    }

    public SyscallResult result() {
        return result;
    }

    public void result(SyscallResult result) {
        this.result = result;
    }
}
