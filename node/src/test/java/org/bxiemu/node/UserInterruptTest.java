package org.bxiemu.node;

import static org.bxiemu.node.NodeRuns.awaitFlag;
import static org.bxiemu.node.NodeRuns.compute;
import static org.bxiemu.node.NodeRuns.mark;
import static org.bxiemu.node.NodeRuns.raise;
import static org.bxiemu.node.NodeRuns.step;
import static org.bxiemu.node.NodeRuns.tally;
import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Model;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.UserInterruptHandler;
import org.junit.jupiter.api.Test;

/**
 * The x86 user-interrupt rules of DESIGN §4 as the core and node model them: SENDUIPI posting
 * and coalescing, recognition and delivery, UIF (CLUI/STUI/TESTUI), highest vector first with
 * back-to-back delivery after UIRET, faults, split compute segments, and the end-to-end latency.
 * The receiver runs on core 1 and the sender on core 0 of one node; expected times are derived
 * from the configured costs.
 */
class UserInterruptTest {
    static final long US = Durations.US;
    static final long NS = Durations.NS;
    static final long READY = 0x100;

    /** What the receiver and sender threads of one process share (their process memory). */
    static final class Shared {
        final int[] fd = new int[64];
        final int[] index = new int[64];
        int handlerRuns;
        boolean flag;
    }

    /** Registers {@code handler} and makes a uintr fd for each of {@code vectors} (kept in {@code s.fd}). */
    static Action receiverSetup(Shared s, UserInterruptHandler handler, int... vectors) {
        Action[] actions = new Action[1 + 2 * vectors.length];
        actions[0] = call(new Syscall.UintrRegisterHandler(handler, 0));
        for (int i = 0; i < vectors.length; i++) {
            int v = vectors[i];
            actions[1 + 2 * i] = call(new Syscall.UintrCreateFd(v, 0));
            actions[2 + 2 * i] = run(api -> {
                assertTrue(api.result().value() >= 0, "uintr_create_fd failed: " + api.result().value());
                s.fd[v] = (int) api.result().value();
            });
        }
        return Script.sequence(actions);
    }

    /** Waits for the receiver, then registers as a sender of each of {@code vectors} (UITT index in {@code s.index}). */
    static Action senderSetup(Shared s, int... vectors) {
        Action[] actions = new Action[1 + 2 * vectors.length];
        actions[0] = awaitFlag(READY);
        for (int i = 0; i < vectors.length; i++) {
            int v = vectors[i];
            actions[1 + 2 * i] = later(api -> new Step.Call(new Syscall.UintrRegisterSender(s.fd[v], 0)));
            actions[2 + 2 * i] = run(api -> {
                assertTrue(api.result().value() >= 0, "uintr_register_sender failed: " + api.result().value());
                s.index[v] = (int) api.result().value();
            });
        }
        return Script.sequence(actions);
    }

    static Action send(Shared s, int vector) {
        return later(api -> new Step.SendUipi(s.index[vector]));
    }

    /** A handler that counts its runs and marks its start ({@code h.start}, first run only). */
    static UserInterruptHandler countingHandler(Shared s) {
        return (vector, api) -> {
            int k = s.handlerRuns++;
            return Script.handler(new Step.Uiret(), tally("h.runs"), tally("h.vector." + vector),
                    k == 0 ? mark("h.start") : run(a -> {}));
        };
    }

    /** Receiver cost of a notification in the default (untracked) model: flush + notification + delivery. */
    static long receiverCost(Model m) {
        return m.ps(m.core().flush()) + m.ps(m.core().notification()) + m.ps(m.core().delivery());
    }

    /** From the start of SENDUIPI to the receiver's IPI: sender→hub link, hub→receiver link, IPI delivery. */
    static long postToIpi(Model m) {
        return 2 * m.node().coreLinkLatency() + m.node().ipiLatency();
    }

    // ---- 1. coalescing -------------------------------------------------------------------------------

    @Test
    void postsBeforeRecognitionCoalesceIntoOneNotificationAndOneHandlerRun() {
        // a cheap SENDUIPI (5 ns) completes when the hub acknowledges it (2 links, 60 ns), so the
        // 10 posts land within 9 × 60 ns; with a slow IPI (1 us) the receiver clears ON only
        // 2 links + 1 us + 1 link after the first post: every later post coalesces
        Shared s = new Shared();
        Rig rig = new Rig("core.uintr.senduipi = 10cycles\nnode.ipi-latency = 1us");
        Model m = rig.model;
        long spacing = Math.max(m.ps(m.core().senduipi()), 2 * m.node().coreLinkLatency());
        assertTrue(9 * spacing < postToIpi(m) + m.node().coreLinkLatency());
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), raise(READY), compute(50 * US), mark("r.stui"),
                step(new Step.Stui()), compute(10 * US));
        rig.thread(0, senderSetup(s, 5), Script.repeat(10, i -> send(s, 5)));
        Run r = rig.run();

        assertEquals(10, r.hub(0, "node.uintr.senduipi"));
        assertEquals(1, r.hub(0, "node.uintr.notifications"));
        assertEquals(9, r.hub(0, "node.uintr.coalesced-or-suppressed"));
        assertEquals(1, r.core(1, "core.uintr.notifications"));
        assertEquals(1, r.core(1, "core.uintr.deliveries"));
        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "h.vector.5"));
        assertEquals(10, r.core(0, "core.uintr.senduipi"));
        // delivered on STUI: its cost, then the delivery
        assertEquals(r.core(1, "r.stui") + m.ps(m.core().stui()) + m.ps(m.core().delivery()), r.core(1, "h.start"));
    }

    @Test
    void backToBackPostsWhileMaskedRunTheHandlerOnce() {
        // default costs: a post every 383 cycles (191.5 ns). The first post notifies; the receiver
        // clears ON when its Recognize reaches the hub, 2 links + IPI latency + 1 link = 320 ns
        // after the post. The second post (191.5 ns) coalesces; the third (383 ns) finds ON clear
        // and notifies again: every other post notifies. UIF = 0 throughout, so the five
        // recognitions only fill UIRR; after STUI the handler runs once.
        Shared s = new Shared();
        Rig rig = new Rig();
        Model m = rig.model;
        long recognitionDone = postToIpi(m) + m.node().coreLinkLatency();
        long gap = m.ps(m.core().senduipi());
        assertTrue(gap < recognitionDone && 2 * gap > recognitionDone, "the derivation below assumes this spacing");
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), raise(READY), compute(50 * US), mark("r.stui"),
                step(new Step.Stui()), compute(10 * US));
        rig.thread(0, senderSetup(s, 5), Script.repeat(10, i -> send(s, 5)));
        Run r = rig.run();

        assertEquals(10, r.hub(0, "node.uintr.senduipi"));
        assertEquals(5, r.hub(0, "node.uintr.notifications"));
        assertEquals(5, r.hub(0, "node.uintr.coalesced-or-suppressed"));
        assertEquals(5, r.core(1, "core.uintr.notifications"));
        assertEquals(1, r.core(1, "core.uintr.deliveries"));
        assertEquals(1, r.core(1, "h.runs"));
        // five recognitions (flush + notification each) and one delivery
        assertEquals(5 * (m.ps(m.core().flush()) + m.ps(m.core().notification())) + m.ps(m.core().delivery()),
                r.core(1, "core.time.interrupt-delivery"));
        assertEquals(r.core(1, "r.stui") + m.ps(m.core().stui()) + m.ps(m.core().delivery()), r.core(1, "h.start"));
    }

    // ---- 3. highest vector first, back to back ---------------------------------------------------------

    @Test
    void highestVectorFirstThenTheNextBackToBackAfterUiret() {
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> {
            int k = s.handlerRuns++;
            return Script.handler(new Step.Uiret(), run(a -> a.count("h" + k + ".vector", vector)),
                    mark("h" + k + ".start"), compute(1 * US), mark("h" + k + ".end"));
        };
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, handler, 5, 9), raise(READY), compute(50 * US), mark("r.stui"),
                step(new Step.Stui()), compute(10 * US));
        rig.thread(0, senderSetup(s, 5, 9), send(s, 5), send(s, 9));
        Run r = rig.run();
        Model m = rig.model;

        assertEquals(2, r.core(1, "core.uintr.deliveries"));
        assertEquals(9, r.core(1, "h0.vector"));
        assertEquals(5, r.core(1, "h1.vector"));
        long first = r.core(1, "r.stui") + m.ps(m.core().stui()) + m.ps(m.core().delivery());
        assertEquals(first, r.core(1, "h0.start"));
        assertEquals(first + 1 * US, r.core(1, "h0.end"));
        // UIRET, then the next pending vector is delivered at once
        assertEquals(r.core(1, "h0.end") + m.ps(m.core().uiret()) + m.ps(m.core().delivery()), r.core(1, "h1.start"));
    }

    // ---- 4. CLUI / STUI / TESTUI -----------------------------------------------------------------------

    static Action testui(String name) {
        return Script.sequence(step(new Step.Testui()), run(api -> api.count(name + "=" + api.result().value(), 1)));
    }

    @Test
    void uifMasksDeliveryUntilStuiAndTestuiReportsIt() {
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), mark("h.start"),
                tally("h.runs"), testui("testui.in-handler"));
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, handler, 5), testui("testui.initial"), step(new Step.Stui()),
                testui("testui.after-stui"), step(new Step.Clui()), testui("testui.after-clui"), raise(READY),
                mark("r.compute.start"), compute(20 * US), mark("r.compute.end"), mark("r.stui"),
                step(new Step.Stui()), compute(10 * US), testui("testui.end"));
        rig.thread(0, senderSetup(s, 5), compute(5 * US), send(s, 5));
        Run r = rig.run();
        Model m = rig.model;

        assertEquals(1, r.core(1, "testui.initial=0"), "UIF starts at 0");
        assertEquals(1, r.core(1, "testui.after-stui=1"));
        assertEquals(1, r.core(1, "testui.after-clui=0"));
        assertEquals(1, r.core(1, "testui.in-handler=0"), "delivery clears UIF");
        assertEquals(1, r.core(1, "testui.end=1"), "UIRET sets UIF");
        assertEquals(1, r.core(1, "h.runs"));
        // the notification is recognised while UIF = 0 (it splits the compute by flush +
        // notification) but not delivered
        assertEquals(1, r.core(1, "core.uintr.notifications"));
        assertEquals(r.core(1, "r.compute.start") + 20 * US + m.ps(m.core().flush()) + m.ps(m.core().notification()),
                r.core(1, "r.compute.end"));
        // delivery right after STUI
        assertEquals(r.core(1, "r.stui") + m.ps(m.core().stui()) + m.ps(m.core().delivery()), r.core(1, "h.start"));
    }

    // ---- 6. faults ----------------------------------------------------------------------------------

    @Test
    void senduipiWithAnUnregisteredIndexKillsTheSender() {
        Rig rig = new Rig();
        rig.thread(0, tally("before"), step(new Step.SendUipi(7)), tally("after"), compute(10 * US), tally("end"));
        Run r = rig.run();

        assertEquals(1, r.core(0, "before"));
        assertEquals(0, r.core(0, "after"));
        assertEquals(0, r.core(0, "end"));
        assertEquals(1, r.core(0, "core.uintr.senduipi-faults"));
        assertEquals(0, r.core(0, "core.uintr.senduipi"));
        assertEquals(1, r.hub(0, "node.uintr.faults"));
        assertEquals(1, r.kernel(0, "kernel.faults"));
        assertEquals(1, r.kernel(0, "kernel.threads.ended"));
        assertEquals(1, r.kernel(0, "kernel.processes.ended"));
        assertEquals(0, r.core(0, "core.time.compute"));
    }

    @Test
    void senduipiWithAnUnregisteredEntryFaultsButOtherThreadsGoOn() {
        // the sender registers, unregisters, then sends with the freed index; the receiver lives on
        Shared s = new Shared();
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), step(new Step.Stui()), raise(READY),
                compute(100 * US), tally("r.end"));
        rig.thread(0, senderSetup(s, 5), send(s, 5),
                later(api -> new Step.Call(new Syscall.UintrUnregisterSender(s.index[5]))),
                run(api -> api.count("unregister=" + api.result().value(), 1)), send(s, 5), tally("after"));
        Run r = rig.run();

        assertEquals(1, r.core(0, "unregister=0"));
        assertEquals(0, r.core(0, "after"));
        assertEquals(1, r.core(0, "core.uintr.senduipi"));
        assertEquals(1, r.core(0, "core.uintr.senduipi-faults"));
        assertEquals(1, r.kernel(0, "kernel.faults"));
        assertEquals(1, r.core(1, "h.runs"), "the valid post was delivered");
        assertEquals(1, r.core(1, "r.end"));
        assertEquals(2, r.kernel(0, "kernel.threads.ended"));
        assertEquals(1, r.kernel(0, "kernel.processes.ended"));
    }

    // ---- 7. split compute ----------------------------------------------------------------------------

    @Test
    void anInterruptSplitsComputeWhichResumesWithExactlyItsRemainingTime() {
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), mark("h.start"),
                compute(2 * US));
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, handler, 5), step(new Step.Stui()), raise(READY), mark("c.start"),
                compute(100 * US), mark("c.end"));
        rig.thread(0, senderSetup(s, 5), compute(20 * US), mark("s.send"), send(s, 5));
        Run r = rig.run();
        Model m = rig.model;

        long start = r.core(1, "c.start");
        long send = r.core(0, "s.send");
        assertTrue(send > start && send < start + 100 * US, "the interrupt must hit the compute");
        assertEquals(send + postToIpi(m) + receiverCost(m), r.core(1, "h.start"));
        assertEquals(start + 100 * US + receiverCost(m) + 2 * US + m.ps(m.core().uiret()), r.core(1, "c.end"));
        assertEquals(1, r.core(1, "core.steps-split"));
        assertEquals(100 * US, r.core(1, "core.time.compute"));
        assertEquals(2 * US + m.ps(m.core().uiret()), r.core(1, "core.time.handler"));
        assertEquals(receiverCost(m), r.core(1, "core.time.interrupt-delivery"));
    }

    // ---- 8. end-to-end latency ----------------------------------------------------------------------

    private static Run latencyRun(Rig rig) {
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), mark("h.start"),
                run(a -> s.flag = true));
        rig.thread(1, receiverSetup(s, handler, 5), step(new Step.Stui()), raise(READY), mark("r.spin"),
                step(new Step.SpinUntil(() -> s.flag)), mark("r.end"));
        rig.thread(0, senderSetup(s, 5), compute(1 * US), mark("s.send"), send(s, 5));
        return rig.run();
    }

    @Test
    void senduipiToHandlerTakes1360CyclesWithTheDefaults() {
        Rig rig = new Rig();
        Run r = latencyRun(rig);
        Model m = rig.model;
        long latency = r.core(1, "h.start") - r.core(0, "s.send");
        // 2 × 30 ns links + 260 ns IPI + 720 cycles (489 flush + 126 notification + 105 delivery)
        assertEquals(postToIpi(m) + m.cycles(720), latency);
        assertEquals(postToIpi(m) + receiverCost(m), latency);
        assertEquals(1360, m.core().frequency().cycles(latency));
        assertEquals(r.core(1, "h.start") + m.ps(m.core().uiret()), r.core(1, "r.end"));
        assertEquals(1, r.core(1, "core.steps-split"), "the spin was interrupted");
        // the receiver spun (polling) until the IPI; the handler's store ended the spin
        assertEquals(r.core(0, "s.send") + postToIpi(m) - r.core(1, "r.spin"), r.core(1, "core.time.polling"));
    }

    @Test
    void trackedInterruptsCost231ReceiverCycles() {
        Rig rig = new Rig("core.uintr.tracked = on");
        Run r = latencyRun(rig);
        Model m = rig.model;
        long receiver = r.core(1, "h.start") - r.core(0, "s.send") - postToIpi(m);
        assertEquals(m.cycles(231), receiver);
        assertEquals(231, m.core().frequency().cycles(receiver));
        assertEquals(m.cycles(231), r.core(1, "core.time.interrupt-delivery"));
    }

    // ---- not running: delivered on switch-in --------------------------------------------------------

    @Test
    void aPreemptedReceiverGetsItsVectorWhenSwitchedBackIn() {
        // receiver and a hog share core 1 with 1 ms slices; the post lands in the hog's slice
        Shared s = new Shared();
        Rig rig = new Rig("kernel.time-slice = 1ms");
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), step(new Step.Stui()), raise(READY),
                compute(3000 * US));
        rig.thread(1, compute(3000 * US));
        rig.thread(0, senderSetup(s, 5), compute(1500 * US), mark("s.send"), send(s, 5));
        Run r = rig.run();
        Model m = rig.model;
        var k = m.kernel();
        long e = k.entryLatency();
        long slice = k.timeSlice() - e;
        long switchGap = 2 * e + m.ps(k.timerInterrupt()) + m.ps(k.contextSwitch());
        long receiverBack = SchedulerTest.bootDispatch(m) + 2 * (slice + switchGap);
        assertTrue(r.core(0, "s.send") > receiverBack - slice - switchGap && r.core(0, "s.send") < receiverBack);

        assertEquals(0, r.hub(0, "node.uintr.notifications"), "SN = 1 while switched out");
        assertEquals(1, r.hub(0, "node.uintr.coalesced-or-suppressed"));
        assertEquals(1, r.core(1, "h.runs"));
        // the switch-in clears SN and self-IPIs; the IPI is pending when the thread returns
        assertEquals(receiverBack + receiverCost(m), r.core(1, "h.start"));
    }

    @Test
    void unregisteringTheHandlerDropsRecognisedVectors() {
        // a vector recognised while UIF = 0, then uintr_unregister_handler, then STUI: there is no
        // handler any more, so nothing may be delivered (and the run must not fail)
        Shared s = new Shared();
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), raise(READY), compute(20 * US),
                call(new Syscall.UintrUnregisterHandler()),
                run(api -> api.count("unregister=" + api.result().value(), 1)), step(new Step.Stui()),
                compute(10 * US), tally("r.end"));
        rig.thread(0, senderSetup(s, 5), send(s, 5));
        Run r = rig.run();

        assertEquals(1, r.core(1, "core.uintr.notifications"), "recognised while UIF = 0");
        assertEquals(1, r.core(1, "unregister=0"));
        assertEquals(0, r.core(1, "h.runs"));
        assertEquals(0, r.core(1, "core.uintr.deliveries"));
        assertEquals(1, r.core(1, "r.end"));
    }

    // ---- a split WaitWord -----------------------------------------------------------------------------

    @Test
    void anInterruptedWaitWordWatchesAgainAfterTheHandler() {
        long word = 0x180;
        Shared s = new Shared();
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), step(new Step.Stui()), raise(READY),
                awaitFlag(word), mark("r.after"));
        rig.thread(0, senderSetup(s, 5), compute(10 * US), send(s, 5), compute(10 * US), mark("s.store"),
                raise(word));
        Run r = rig.run();
        Model m = rig.model;

        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "core.steps-split"));
        // the store reaches the hub, then the watcher: two links
        assertEquals(r.core(0, "s.store") + 2 * m.node().coreLinkLatency(), r.core(1, "r.after"));
    }

    @Test
    void aWordChangedDuringTheHandlerIsSeenWhenTheWaitResumes() {
        long word = 0x180;
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), mark("h.start"),
                compute(5 * US), mark("h.end"));
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, handler, 5), step(new Step.Stui()), raise(READY), awaitFlag(word),
                mark("r.after"));
        rig.thread(0, senderSetup(s, 5), compute(10 * US), send(s, 5), compute(1 * US), mark("s.store"),
                raise(word));
        Run r = rig.run();
        Model m = rig.model;

        assertTrue(r.core(0, "s.store") > r.core(1, "h.start") && r.core(0, "s.store") < r.core(1, "h.end"));
        // UIRET, then the watch is set again and answers with the word's current value
        assertEquals(r.core(1, "h.end") + m.ps(m.core().uiret()) + 2 * m.node().coreLinkLatency(),
                r.core(1, "r.after"));
    }

    // ---- 2. SN suppression while blocked; 5. uintr_wait ---------------------------------------------------

    @Test
    void aReceiverBlockedInAnotherSyscallGetsNoIpiAndItsVectorAfterSwitchIn() {
        Shared s = new Shared();
        int[] efd = {0};
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), call(new Syscall.Eventfd(0)),
                run(api -> efd[0] = (int) api.result().value()), step(new Step.Stui()), raise(READY),
                later(api -> new Step.Call(new Syscall.EventfdRead(efd[0]))),
                run(api -> api.count("read=" + api.result().value(), 1)), mark("r.after-read"));
        rig.thread(0, senderSetup(s, 5), compute(10 * US), send(s, 5), compute(10 * US), mark("s.write"),
                later(api -> new Step.Call(new Syscall.EventfdWrite(efd[0], 1))));
        Run r = rig.run();
        Model m = rig.model;
        var k = m.kernel();

        // SN = 1 while the receiver is switched out: the post sets PIR, no IPI
        assertEquals(1, r.hub(0, "node.uintr.senduipi"));
        assertEquals(0, r.hub(0, "node.uintr.notifications"));
        assertEquals(1, r.hub(0, "node.uintr.coalesced-or-suppressed"));
        assertEquals(0, r.kernel(0, "kernel.uintr.wakeups"), "eventfd_read is not interrupted (no waiting flag)");
        assertEquals(0, r.kernel(0, "kernel.uintr.spurious"));
        assertEquals(1, r.core(1, "read=1"), "the read completes normally");
        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "core.uintr.notifications"), "the switch-in self-IPI");
        // the write wakes the reader: IPI to its idle core, idle exit, kernel entry, reschedule
        // IPI handling and context switch (the UPID resume with its self-IPI leaves then), return
        // to user with the eventfd_read completion; the pending self-IPI is taken at once.
        long l = m.node().coreLinkLatency();
        long e = k.entryLatency();
        long ipiSent = e + m.ps(k.syscall()) + m.ps(k.eventfdWrite()) + m.ps(k.wakeup());
        long ipiAtReceiver = ipiSent + 2 * l + m.node().ipiLatency();
        long kernelEntry = ipiAtReceiver + m.core().idleExit() + e;
        long userMode = kernelEntry + e + m.ps(k.ipiReceive()) + m.ps(k.contextSwitch()) + m.ps(k.eventfdRead());
        long selfIpi = kernelEntry + m.ps(k.ipiReceive()) + m.ps(k.contextSwitch()) + 2 * l;
        assertTrue(selfIpi <= userMode);
        long write = r.core(0, "s.write");
        assertEquals(write + userMode + receiverCost(m), r.core(1, "h.start"));
        assertEquals(r.core(1, "h.start") + m.ps(m.core().uiret()), r.core(1, "r.after-read"));
    }

    @Test
    void uintrWaitIsWokenByAPostAndReturnsEintrAfterTheHandler() {
        Shared s = new Shared();
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 5), step(new Step.Stui()), raise(READY),
                call(new Syscall.UintrWait()), run(api -> api.count("wait=" + api.result().value(), 1)),
                mark("r.after-wait"));
        rig.thread(0, senderSetup(s, 5), compute(10 * US), mark("s.send"), send(s, 5));
        Run r = rig.run();
        Model m = rig.model;
        var k = m.kernel();

        assertEquals(1, r.kernel(0, "kernel.uintr.wakeups"));
        assertEquals(1, r.kernel(0, "kernel.interrupts.uintr-kernel-wait"));
        assertEquals(1, r.core(1, "wait=-" + org.bxiemu.kernel.Errno.EINTR));
        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.hub(0, "node.uintr.notifications"), "the post notifies the kernel wait vector");
        // kernel-wait IPI, idle exit, the wake-up slow path and the context switch; the switch-in
        // re-posts the pending vector (self-IPI) which is recognised and delivered on return
        long e = k.entryLatency();
        long kernelEntry = postToIpi(m) + m.core().idleExit() + e;
        long switchIn = m.ps(k.ipiReceive()) + m.ps(k.wakeup()) + m.ps(k.contextSwitch());
        long userMode = kernelEntry + e + switchIn + m.ps(k.uintrWaitWake());
        assertTrue(kernelEntry + switchIn + 2 * m.node().coreLinkLatency() <= userMode);
        long send = r.core(0, "s.send");
        assertEquals(send + userMode + receiverCost(m), r.core(1, "h.start"));
        assertEquals(r.core(1, "h.start") + m.ps(m.core().uiret()), r.core(1, "r.after-wait"));
    }

    @Test
    void withTheWaitingFlagAPostInterruptsAnotherBlockingCall() {
        // registered with UINTR_HANDLER_FLAG_WAITING_ANY: eventfd_read is interrupted like
        // uintr_wait (-EINTR, after the handler); a later read gets the value written meanwhile
        Shared s = new Shared();
        int[] efd = {0};
        Rig rig = new Rig();
        rig.thread(1, call(new Syscall.UintrRegisterHandler(countingHandler(s), Syscall.UINTR_HANDLER_FLAG_WAITING_ANY)),
                call(new Syscall.UintrCreateFd(5, 0)), run(api -> s.fd[5] = (int) api.result().value()),
                call(new Syscall.Eventfd(0)), run(api -> efd[0] = (int) api.result().value()), step(new Step.Stui()),
                raise(READY), later(api -> new Step.Call(new Syscall.EventfdRead(efd[0]))),
                run(api -> api.count("read1=" + api.result().value(), 1)), mark("r.after-read1"),
                later(api -> new Step.Call(new Syscall.EventfdRead(efd[0]))),
                run(api -> api.count("read2=" + api.result().value(), 1)));
        rig.thread(0, senderSetup(s, 5), compute(10 * US), mark("s.send"), send(s, 5), compute(20 * US),
                later(api -> new Step.Call(new Syscall.EventfdWrite(efd[0], 7))));
        Run r = rig.run();
        Model m = rig.model;
        var k = m.kernel();

        assertEquals(1, r.kernel(0, "kernel.uintr.wakeups"));
        assertEquals(1, r.core(1, "h.runs"));
        assertEquals(1, r.core(1, "read1=-" + org.bxiemu.kernel.Errno.EINTR));
        assertEquals(1, r.core(1, "read2=7"), "the interrupted read left the eventfd's wait queue");
        // the same slow path as uintr_wait
        long e = k.entryLatency();
        long userMode = postToIpi(m) + m.core().idleExit() + 2 * e + m.ps(k.ipiReceive()) + m.ps(k.wakeup())
                + m.ps(k.contextSwitch()) + m.ps(k.uintrWaitWake());
        assertEquals(r.core(0, "s.send") + userMode + receiverCost(m), r.core(1, "h.start"));
        assertEquals(r.core(1, "h.start") + m.ps(m.core().uiret()), r.core(1, "r.after-read1"));
    }

    // ---- xUI kernel-bypass timer ---------------------------------------------------------------------

    @Test
    void theKbTimerRaisesItsVectorLocallyEveryPeriod() {
        // every 10 us a local user interrupt: delivery cost only (no UPID, no IPI, no recognition)
        Shared s = new Shared();
        Rig rig = new Rig();
        rig.thread(1, receiverSetup(s, countingHandler(s), 3), step(new Step.Stui()),
                step(new Step.KbTimer(10 * US, 3)), mark("c.start"), compute(100 * US), mark("c.end"),
                step(new Step.KbTimer(0, 3)), compute(50 * US));
        Run r = rig.run();
        Model m = rig.model;
        long perTick = m.ps(m.core().delivery()) + m.ps(m.core().uiret());
        // ticks at 10, 20, ..., 100 us after arming: the tenth still hits the (stretched) compute
        assertEquals(10, r.core(1, "core.uintr.kb-timer-ticks"));
        assertEquals(10, r.core(1, "h.runs"));
        assertEquals(10, r.core(1, "h.vector.3"));
        assertEquals(0, r.core(1, "core.uintr.notifications"));
        assertEquals(r.core(1, "c.start") + 100 * US + 10 * perTick, r.core(1, "c.end"));
        assertEquals(10 * m.ps(m.core().delivery()), r.core(1, "core.time.interrupt-delivery"));
    }
}
