package org.bxiemu.node.user;

import java.util.ArrayDeque;
import java.util.Deque;
import org.bxiemu.kernel.UserContext;
import org.bxiemu.node.uintr.UserInterruptState;

/**
 * The user-space state of a thread, carried by the kernel from core to core: its frames (main
 * program and the handlers stacked on it), its user-interrupt registers (UIF, UIRR), and its xUI
 * kernel-bypass timer.
 */
public final class UserThread implements UserContext {
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final UserInterruptState uintr = new UserInterruptState();
    private long kbPeriod;
    private int kbVector;

    public UserThread(ThreadProgram main) {
        frames.push(new Frame(Frame.Kind.MAIN, main));
    }

    public Frame top() {
        return frames.peek();
    }

    public void push(Frame frame) {
        frames.push(frame);
    }

    public Frame pop() {
        if (frames.size() == 1) throw new IllegalStateException("the main frame cannot return");
        return frames.pop();
    }

    public int depth() {
        return frames.size();
    }

    /** Stops the programs of every frame that runs on a fiber. */
    @Override
    public void close() {
        for (Frame f : frames) {
            if (f.program() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public UserInterruptState uintr() {
        return uintr;
    }

    public long kbPeriod() {
        return kbPeriod;
    }

    public int kbVector() {
        return kbVector;
    }

    public void kbTimer(long period, int vector) {
        this.kbPeriod = period;
        this.kbVector = vector;
    }
}
