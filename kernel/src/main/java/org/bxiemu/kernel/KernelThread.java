package org.bxiemu.kernel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;
import org.bxiemu.engine.units.Cost;

/**
 * A thread as the kernel sees it. Cores read its identity and its user-interrupt registration;
 * the rest is the kernel's bookkeeping.
 */
public final class KernelThread {
    enum State { RUNNABLE, RUNNING, BLOCKED, DEAD }

    private final int tid;
    private final int pid;
    private final int core;
    private final UserContext user;
    /** The program the thread runs (its spec's), for reports. */
    String program = "";

    State state = State.RUNNABLE;
    /** What a blocked thread waits for (a file, a timer, a signal, a user interrupt). */
    Object waitingOn;
    SyscallResult pendingResult;
    Cost pendingWork = Cost.ZERO;
    /** Whether a signal (or, with the waiting flag, a user interrupt) ends the wait with -EINTR. */
    boolean interruptible;
    /** Set when another core killed this running thread; it ends when its core next enters the kernel. */
    boolean killRequested;
    int exitCode;

    final TreeMap<Integer, SignalHandler> handlers = new TreeMap<>();
    long signalMask;
    /** The mask sigsuspend replaced, restored after the handler; -1 outside sigsuspend. */
    long maskAfterSuspend = -1;
    final Deque<Long> savedMasks = new ArrayDeque<>();
    final TreeMap<Integer, Deque<Long>> pendingSignals = new TreeMap<>();

    long upid;
    UintrHandler uintrHandler;
    int uintrFlags;

    KernelThread(int tid, int pid, int core, UserContext user) {
        this.tid = tid;
        this.pid = pid;
        this.core = core;
        this.user = user;
    }

    public int tid() {
        return tid;
    }

    public int pid() {
        return pid;
    }

    /** The core the thread is pinned to. */
    public int core() {
        return core;
    }

    public UserContext user() {
        return user;
    }

    /** Address of the thread's UPID, 0 when it registered no user-interrupt handler. */
    public long upid() {
        return upid;
    }

    public UintrHandler uintrHandler() {
        return uintrHandler;
    }

    public boolean alive() {
        return state != State.DEAD;
    }

    @Override
    public String toString() {
        return "thread " + org.bxiemu.kernel.process.Tid.format(tid);
    }
}
