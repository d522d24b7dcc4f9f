package org.bxiemu.node;

import static org.bxiemu.node.NodeRuns.awaitFlag;
import static org.bxiemu.node.NodeRuns.compute;
import static org.bxiemu.node.NodeRuns.mark;
import static org.bxiemu.node.NodeRuns.raise;
import static org.bxiemu.node.NodeRuns.tally;
import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Errno;
import org.bxiemu.kernel.Kernel;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Model;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.SignalHandlerProgram;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.Steps;
import org.junit.jupiter.api.Test;

/**
 * Signals between two threads of one node: the target (core 1) and the sender (core 0). The
 * handler runs in a signal frame set up on the return to user mode and ends with sigreturn.
 */
class SignalTest {
    static final long US = Durations.US;
    static final long READY = 0x200;
    static final int SIGUSR1 = 10;
    static final int SIGTERM = 15;

    static SignalHandlerProgram countingHandler() {
        return (signal, value, api) -> Script.handler(Steps.sigreturn(), mark("h.start"), tally("h.runs"),
                tally("h.signal." + signal));
    }

    /** The sender: waits for the target, computes {@code before}, then sends {@code signal} to it. */
    static Action sendAfter(int[] tid, long before, int signal) {
        return Script.sequence(awaitFlag(READY), compute(before), mark("kill"),
                later(api -> new Step.Call(new Syscall.Kill(tid[0], signal))),
                run(api -> api.count("kill=" + api.result().value(), 1)));
    }

    static Action publishTid(int[] tid) {
        return run(api -> tid[0] = api.tid());
    }

    /** From the start of kill() to the reschedule IPI reaching the target's core. */
    static long killToIpi(Model m) {
        KernelSettings k = m.kernel();
        return k.entryLatency() + m.ps(k.syscall()) + m.ps(k.signalSend()) + 2 * m.node().coreLinkLatency()
                + m.node().ipiLatency();
    }

    /** A handler ending with sigreturn, back to the interrupted code: entry, syscall, restore, exit. */
    static long sigreturn(Model m) {
        KernelSettings k = m.kernel();
        return 2 * k.entryLatency() + m.ps(k.syscall()) + m.ps(k.signalReturn());
    }

    @Test
    void aSignalInterruptsRunningComputeRunsTheHandlerAndTheComputeResumes() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), call(new Syscall.Sigaction(SIGUSR1, countingHandler())), raise(READY),
                mark("c.start"), compute(100 * US), mark("c.end"));
        rig.thread(0, sendAfter(tid, 10 * US, SIGUSR1));
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();

        assertEquals(1, r.core(0, "kill=0"));
        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "h.signal." + SIGUSR1));
        long ipi = r.core(0, "kill") + killToIpi(m);
        // the target's core enters the kernel, handles the IPI and sets up the signal frame
        long handler = ipi + 2 * k.entryLatency() + m.ps(k.ipiReceive()) + m.ps(k.signalFrame());
        assertEquals(handler, r.core(1, "h.start"));
        assertEquals(r.core(1, "c.start") + 100 * US + (handler - ipi) + sigreturn(m), r.core(1, "c.end"));
        assertEquals(100 * US, r.core(1, "core.time.compute"));
        assertEquals(1, r.kernel(0, "kernel.signals.sent"));
        assertEquals(1, r.kernel(0, "kernel.signals.delivered"));
    }

    @Test
    void aBlockedSignalWaitsUntilUnblockedThenTheHandlerRuns() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), call(new Syscall.Sigaction(SIGUSR1, countingHandler())),
                call(new Syscall.Sigprocmask(Syscall.MaskHow.BLOCK, 1L << SIGUSR1)), raise(READY),
                mark("c.start"), compute(50 * US), mark("c.end"), mark("unblock"),
                call(new Syscall.Sigprocmask(Syscall.MaskHow.UNBLOCK, 1L << SIGUSR1)),
                run(api -> api.count("unblock=" + api.result().value(), 1)), mark("after"));
        rig.thread(0, sendAfter(tid, 10 * US, SIGUSR1));
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();

        assertTrue(r.core(0, "kill") < r.core(1, "c.end"), "sent while blocked");
        // nothing interrupts the compute while the signal is blocked
        assertEquals(r.core(1, "c.start") + 50 * US, r.core(1, "c.end"));
        assertEquals(0, r.core(1, "core.steps-split"));
        assertEquals(1, r.core(1, "h.runs"));
        // delivered on the return from the sigprocmask that unblocks it
        long handler = r.core(1, "unblock") + 2 * k.entryLatency() + m.ps(k.syscall()) + m.ps(k.signalFrame());
        assertEquals(handler, r.core(1, "h.start"));
        assertEquals(handler + sigreturn(m), r.core(1, "after"));
        assertEquals(1, r.core(1, "unblock=0"), "the interrupted call's result survives the handler");
    }

    @Test
    void pauseReturnsEintrAfterTheHandler() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), call(new Syscall.Sigaction(SIGUSR1, countingHandler())), raise(READY),
                call(new Syscall.Pause()), run(api -> api.count("pause=" + api.result().value(), 1)), mark("after"));
        rig.thread(0, sendAfter(tid, 10 * US, SIGUSR1));
        Run r = rig.run();
        Model m = rig.model;

        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "pause=-" + Errno.EINTR));
        assertEquals(r.core(1, "h.start") + sigreturn(m), r.core(1, "after"));
    }

    @Test
    void aSignalWithoutHandlerTerminatesTheThread() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), raise(READY), mark("c.start"), compute(1000 * US), tally("c.done"));
        rig.thread(0, sendAfter(tid, 10 * US, SIGTERM), compute(10 * US), tally("sender.done"));
        Run r = rig.run();
        Model m = rig.model;

        assertEquals(0, r.core(1, "c.done"), "the thread's later steps never run");
        assertEquals(1, r.core(0, "sender.done"));
        assertEquals(1, r.core(0, "kill=0"));
        // it is killed when its core enters the kernel on the IPI
        assertEquals(r.core(0, "kill") + killToIpi(m) - r.core(1, "c.start"), r.core(1, "core.time.compute"));
        assertEquals(2, r.kernel(0, "kernel.threads.ended"));
        assertEquals(0, r.kernel(0, "kernel.threads.alive"));
        assertEquals(1, r.kernel(0, "kernel.processes.ended"));
    }

    @Test
    void sigkillCannotBeCaughtNorBlocked() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), call(new Syscall.Sigaction(Kernel.SIGKILL, countingHandler())),
                run(api -> api.count("sigaction=" + api.result().value(), 1)),
                call(new Syscall.Sigprocmask(Syscall.MaskHow.SET, -1L)), raise(READY), compute(1000 * US),
                tally("c.done"));
        rig.thread(0, sendAfter(tid, 10 * US, Kernel.SIGKILL));
        Run r = rig.run();

        assertEquals(1, r.core(1, "sigaction=-" + Errno.EINVAL));
        assertEquals(0, r.core(1, "c.done"));
        assertEquals(0, r.core(1, "h.runs"));
        assertEquals(2, r.kernel(0, "kernel.threads.ended"));
    }

    @Test
    void aBlockedSignalWithoutHandlerStaysPendingUntilUnblocked() {
        int[] tid = {0};
        Rig rig = new Rig();
        rig.thread(1, publishTid(tid), call(new Syscall.Sigprocmask(Syscall.MaskHow.BLOCK, 1L << SIGTERM)),
                raise(READY), compute(100 * US), tally("c.done"),
                call(new Syscall.Sigprocmask(Syscall.MaskHow.UNBLOCK, 1L << SIGTERM)), tally("after-unblock"));
        rig.thread(0, sendAfter(tid, 10 * US, SIGTERM));
        Run r = rig.run();
        assertEquals(1, r.core(1, "c.done"), "blocked: it does not kill");
        // POSIX: a blocked signal stays pending; unblocked, its default action (terminate) applies
        assertEquals(0, r.core(1, "after-unblock"));
        assertEquals(2, r.kernel(0, "kernel.threads.ended"));
    }
}
