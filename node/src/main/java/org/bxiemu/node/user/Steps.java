package org.bxiemu.node.user;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.bxiemu.kernel.Syscall;

/** Short forms of the steps, and a program made of a fixed list of steps. */
public final class Steps {
    private Steps() {}

    public static Step call(Syscall syscall) {
        return new Step.Call(syscall);
    }

    public static Step sigreturn() {
        return new Step.Call(new Syscall.SigReturn());
    }

    public static Step exit() {
        return new Step.Call(new Syscall.Exit(0));
    }

    /** A program that runs {@code steps} in order (its last step must end the thread or handler). */
    public static ThreadProgram sequence(List<Step> steps) {
        Deque<Step> left = new ArrayDeque<>(steps);
        return api -> {
            if (left.isEmpty()) throw new IllegalStateException("a step sequence ran past its end");
            return left.pollFirst();
        };
    }
}
