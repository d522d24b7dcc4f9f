package org.bxiemu.node.user;

import java.util.concurrent.SynchronousQueue;
import org.bxiemu.kernel.SyscallResult;

/**
 * Sequential Java code run as a thread program: the code calls {@link Context#run(Step)} for each
 * step and gets its result back, as if it ran on the core itself, so programs (and the MPI
 * library) need no callbacks. The code runs on a virtual thread with a strict hand-off: the core
 * asks for the next step and waits while the code runs up to its next step; the code waits while
 * the core executes it. Only one side runs at a time, so the order of everything is decided by
 * virtual time alone, as for any other program. When the body returns, the fiber ends with its
 * final step (exit for a main program, UIRET or sigreturn for a handler body).
 */
public final class Fiber implements ThreadProgram, AutoCloseable {
    /** The context of the fiber whose code runs on this thread (see {@link #current()}). */
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    /**
     * The context of the fiber running the calling code: a library shared by several fibers (a
     * rank's main program, its handlers, its progress thread) runs each one's steps in its own.
     */
    public static Context current() {
        Context c = CURRENT.get();
        if (c == null) throw new IllegalStateException("not inside a fiber");
        return c;
    }
    /** The code of a fiber. */
    @FunctionalInterface
    public interface Body {
        void run(Context context) throws Exception;
    }

    /** What the code sees: steps to run, and the machine's view of the user API. */
    public interface Context {
        /** Runs {@code step} on the core; returns when it completed, with its result. */
        SyscallResult run(Step step);

        /** The user API as of the last completed step (time, identities, statistics). */
        UserApi api();

        /**
         * Library work of {@code cycles} that returns nothing: it joins the library work spent
         * since the last step, and all of it runs as one {@link Step.Library} just before the
         * next step (or {@link #settle}). The core's time is the same as step by step — a library
         * step is interruptible and resumes with its remainder — with one event instead of many.
         * Only for code whose state no other thread reads in between (the MPI library, under its
         * core lock).
         */
        void spend(long cycles);

        /** Runs the library work spent so far, so that {@link UserApi#now} includes it. */
        void settle();
    }

    private sealed interface Handoff {}

    private record Next(Step step) implements Handoff {}

    private record Ended() implements Handoff {}

    private record Failed(Throwable cause) implements Handoff {}

    /** Makes the fiber's code stop at its next step (the run is over). */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final Body body;
    private final Step last;
    private final String name;
    private final SynchronousQueue<Handoff> toCore = new SynchronousQueue<>();
    private final SynchronousQueue<Boolean> toFiber = new SynchronousQueue<>();
    private volatile UserApi api;
    private Thread thread;
    private boolean ended;
    /** Library cycles spent but not yet run (see {@link Context#spend}). */
    private long spent;
    /** The step that follows a library step the code handed over with it (see {@link Context#run}). */
    private Step queued;
    private final Context context = new Context() {
        @Override
        public SyscallResult run(Step step) {
            if (spent == 0) return Fiber.this.run(step);
            // the library work and the step go together: the core gets the step when the work is
            // done without switching to the code in between (it would only hand the step over),
            // and the code resumes once the step completed, with its result
            long cycles = spent;
            spent = 0;
            if (step == null) throw new IllegalArgumentException("a null step");
            queued = step;
            return Fiber.this.run(new Step.Library(cycles));
        }

        @Override
        public UserApi api() {
            return Fiber.this.api;
        }

        @Override
        public void spend(long cycles) {
            if (cycles < 0) throw new IllegalArgumentException("negative library work: " + cycles);
            spent += cycles;
        }

        @Override
        public void settle() {
            if (spent == 0) return;
            long cycles = spent;
            spent = 0;
            Fiber.this.run(new Step.Library(cycles));
        }
    };
    // with continuations (when the JVM exports them): the code runs on the core's own thread
    private Object continuation;
    private Step yielded;
    private Throwable failure;

    private Fiber(String name, Body body, Step last) {
        this.name = name;
        this.body = body;
        this.last = last;
    }

    /** A thread's main program: exit(0) when the code returns. */
    public static Fiber main(String name, Body body) {
        return new Fiber(name, body, Steps.exit());
    }

    /** A user-interrupt handler body: UIRET when the code returns. */
    public static Fiber userInterruptHandler(String name, Body body) {
        return new Fiber(name, body, new Step.Uiret());
    }

    /** A signal handler body: sigreturn when the code returns. */
    public static Fiber signalHandler(String name, Body body) {
        return new Fiber(name, body, Steps.sigreturn());
    }

    @Override
    public Step next(UserApi api) {
        if (ended) throw new IllegalStateException("fiber " + name + " asked for a step after its end");
        this.api = api;
        if (queued != null) {
            Step step = queued;
            queued = null;
            return step;
        }
        if (Continuations.AVAILABLE) return nextByContinuation();
        if (thread == null) {
            thread = Thread.ofVirtual().name("fiber-" + name).unstarted(this::runBody);
            thread.start();
        } else {
            put(toFiber, Boolean.TRUE);
        }
        Handoff h = take(toCore);
        return switch (h) {
            case Next n -> n.step();
            case Ended e -> {
                ended = true;
                yield last;
            }
            case Failed f -> {
                ended = true;
                throw failed(f.cause());
            }
        };
    }

    private Step nextByContinuation() {
        if (continuation == null) {
            continuation = Continuations.create(() -> {
                try {
                    body.run(context);
                    context.settle();
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }
        Context outer = CURRENT.get();
        CURRENT.set(context);
        yielded = null;
        try {
            Continuations.run(continuation);
        } finally {
            // set, not remove, even to null: removing makes every next get() re-create the entry
            CURRENT.set(outer);
        }
        if (failure != null) {
            ended = true;
            throw failed(failure);
        }
        if (yielded != null) return yielded;
        ended = true;
        return last;
    }

    /** The program's own error ends the emulated job, not the emulator: its message names the program. */
    private RuntimeException failed(Throwable cause) {
        String what = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return new org.bxiemu.engine.JobFailedException("program " + name + " failed at "
                + org.bxiemu.engine.units.Durations.format(api.now()) + ": " + what);
    }

    /** A step asked for by the code: handed to the core, and the core's result handed back. */
    private SyscallResult run(Step step) {
        if (step == null) throw new IllegalArgumentException("a null step");
        if (Continuations.AVAILABLE) {
            yielded = step;
            Continuations.yieldNow();
            return api.result();
        }
        put(toCore, new Next(step));
        if (!take(toFiber)) throw new Stop();
        return api.result();
    }

    private void runBody() {
        Handoff outcome;
        CURRENT.set(context);
        try {
            body.run(context);
            context.settle();
            outcome = new Ended();
        } catch (Stop s) {
            return;
        } catch (Throwable t) {
            outcome = new Failed(t);
        }
        put(toCore, outcome);
    }

    /** Stops the code if it is waiting for a step that will never complete (the run ended first). */
    @Override
    public void close() {
        continuation = null; // an unfinished continuation is simply dropped
        if (thread != null && !ended && thread.isAlive()) {
            ended = true;
            toFiber.offer(Boolean.FALSE);
            thread.interrupt();
        }
    }

    private static <T> void put(SynchronousQueue<T> q, T value) {
        try {
            q.put(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop();
        }
    }

    private static <T> T take(SynchronousQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop();
        }
    }
}
