package org.bxiemu.node;

import static org.bxiemu.node.NodeRuns.compute;
import static org.bxiemu.node.NodeRuns.mark;
import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Model;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.junit.jupiter.api.Test;

/** The kernel's scheduler as cores execute it: boot dispatch, round robin, pinning, nanosleep, sched_yield. */
class SchedulerTest {
    static final long US = Durations.US;
    static final long MS = Durations.MS;

    /**
     * A thread made runnable at boot on an idle core: reschedule IPI (kernel→hub link, hub→core
     * link, IPI latency), idle exit, kernel entry and exit, IPI handling and the context switch.
     */
    static long bootDispatch(Model m) {
        KernelSettings k = m.kernel();
        return 2 * m.node().coreLinkLatency() + m.node().ipiLatency() + m.core().idleExit() + 2 * k.entryLatency()
                + m.ps(k.ipiReceive()) + m.ps(k.contextSwitch());
    }

    /** {@code ms} × 1 ms of compute, recording (counter {@code wrong-core}) any slice run off {@code core}. */
    static Action pinnedCompute(int core, int ms) {
        return Script.repeat(ms, i -> Script.sequence(compute(1 * MS),
                run(api -> api.count("wrong-core", api.core() == core ? 0 : 1))));
    }

    @Test
    void twoComputingThreadsOnOneCoreShareItRoundRobin() {
        Rig rig = new Rig("kernel.time-slice = 1ms");
        rig.thread(0, mark("a.start"), pinnedCompute(0, 10), mark("a.end"));
        rig.thread(0, mark("b.start"), pinnedCompute(0, 10), mark("b.end"));
        rig.thread(1, mark("c.start"), pinnedCompute(1, 10), mark("c.end"));
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();
        long e = k.entryLatency();

        long t0 = bootDispatch(m);
        assertEquals(t0, r.core(0, "a.start"));
        assertEquals(t0, r.core(1, "c.start"));
        // a slice ends 1 ms after the kernel decided it (its user part is shorter by the exit
        // latency); each preemption costs a timer interrupt, a context switch and the kernel
        // entry and exit
        long slice = k.timeSlice() - e;
        long switchGap = 2 * e + m.ps(k.timerInterrupt()) + m.ps(k.contextSwitch());
        long total = 10 * MS;
        long full = total / slice; // 10 full slices each, then a remainder
        long rest = total - full * slice;
        assertEquals(10, full);
        long aEnd = t0 + 2 * full * (slice + switchGap) + rest;
        assertEquals(t0 + slice + switchGap, r.core(0, "b.start"));
        assertEquals(aEnd, r.core(0, "a.end"));
        // a's exit switches to b (no timer any more), which finishes its remainder
        long bEnd = aEnd + 2 * e + m.ps(k.syscall()) + m.ps(k.contextSwitch()) + rest;
        assertEquals(bEnd, r.core(0, "b.end"));
        assertTrue(r.core(0, "a.end") > 20 * MS, "neither finishes at 10 ms");
        assertEquals(1 + 2 * full + 1 + 1, r.kernel(0, "kernel.context-switches"),
                "boot dispatch on each core, the preemptions, a's exit");
        assertEquals(2 * full, r.kernel(0, "kernel.preemptions"));
        assertEquals(2 * full, r.kernel(0, "kernel.interrupts.local-timer"));
        assertEquals(20 * MS, r.core(0, "core.time.compute"));
        // the thread alone on core 1 is never preempted, and no thread ever ran off its core
        assertEquals(t0 + 10 * MS, r.core(1, "c.end"));
        assertEquals(0, r.core(0, "wrong-core"));
        assertEquals(0, r.core(1, "wrong-core"));
    }

    @Test
    void nanosleepWakesAfterItsDurationPlusTheModelledCosts() {
        Rig rig = new Rig();
        rig.thread(0, mark("s"), call(new Syscall.Nanosleep(50 * US)),
                run(api -> api.count("sleep=" + api.result().value(), 1)), mark("e"));
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();
        long e = k.entryLatency();
        // the deadline counts from the kernel entry; the timer wakes the idle core (idle exit),
        // which enters the kernel: timer interrupt, wake-up, switch from idle, return
        long expected = e + 50 * US + m.core().idleExit() + 2 * e + m.ps(k.timerInterrupt()) + m.ps(k.wakeup())
                + m.ps(k.contextSwitch());
        assertEquals(expected, r.core(0, "e") - r.core(0, "s"));
        assertEquals(1, r.core(0, "sleep=0"));
        assertEquals(1, r.kernel(0, "kernel.interrupts.local-timer"));
    }

    @Test
    void nanosleepOfZeroStillGoesThroughTheTimer() {
        Rig rig = new Rig();
        rig.thread(0, mark("s"), call(new Syscall.Nanosleep(0)), mark("e"));
        Run r = rig.run();
        assertTrue(r.core(0, "e") > r.core(0, "s"));
        assertEquals(1, r.kernel(0, "kernel.threads.ended"));
    }

    @Test
    void schedYieldSwitchesToAnotherRunnableThreadOfTheCore() {
        Rig rig = new Rig();
        rig.thread(0, mark("a.yield"), call(new Syscall.SchedYield()),
                run(api -> api.count("yield=" + api.result().value(), 1)), mark("a.after"));
        rig.thread(0, mark("b.start"));
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();
        long switchOnSyscall = 2 * k.entryLatency() + m.ps(k.syscall()) + m.ps(k.contextSwitch());
        assertEquals(r.core(0, "a.yield") + switchOnSyscall, r.core(0, "b.start"));
        // b exits: back to a, whose sched_yield returns 0
        assertEquals(r.core(0, "b.start") + switchOnSyscall, r.core(0, "a.after"));
        assertEquals(1, r.core(0, "yield=0"));
        assertEquals(3, r.kernel(0, "kernel.context-switches"));
    }

    @Test
    void schedYieldAloneReturnsAtOnce() {
        Rig rig = new Rig();
        rig.thread(0, mark("a.yield"), call(new Syscall.SchedYield()), mark("a.after"));
        Run r = rig.run();
        Model m = rig.model;
        assertEquals(2 * m.kernel().entryLatency() + m.ps(m.kernel().syscall()),
                r.core(0, "a.after") - r.core(0, "a.yield"));
        assertEquals(1, r.kernel(0, "kernel.context-switches"), "the boot dispatch only");
    }
}
