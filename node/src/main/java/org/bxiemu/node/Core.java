package org.bxiemu.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.kernel.Errno;
import org.bxiemu.kernel.CoreEntry;
import org.bxiemu.kernel.KernelExit;
import org.bxiemu.kernel.KernelThread;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.SyscallResult;
import org.bxiemu.kernel.Vectors;
import org.bxiemu.node.user.Frame;
import org.bxiemu.node.user.SignalHandlerProgram;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.node.user.UserApi;
import org.bxiemu.node.user.UserInterruptHandler;
import org.bxiemu.node.user.UserThread;

/**
 * A core with its local APIC and user-interrupt unit. It runs the thread the kernel dispatched:
 * steps of compute, library code, polling, memory stores, syscalls and uintr instructions. An
 * interrupt at an instruction boundary — or in the middle of a compute, library or polling step,
 * which it splits — is either a user-interrupt notification for the running thread (recognised
 * and delivered here, as the hardware does) or a kernel vector (the core enters the kernel).
 * Every picosecond is accounted to one {@link CoreTime} category.
 */
public final class Core extends Component {
    private enum Mode { IDLE, WAKING, KERNEL, USER, NOTIFYING, DELIVERING, NOISE }

    private record Pending(int vector, long sourceUpid) {}

    private record StepDone(long generation) {}

    private record PhaseDone(long generation) {}

    private record TimerFired(long generation) {}

    private record KbTick(long generation) {}

    /** A spin or word wait reached its deadline (cancelled when the step ends or is split first). */
    private record StepDeadline() {}

    /** Fault plan: a slowdown entry starts or ends (the speed is recomputed from those active). */
    private record SpeedChange() {}

    /** Fault plan: os-noise entry {@code noise} steals the core now. */
    private record NoiseTick(int noise) {}

    /** Fault plan: an interrupt that was delayed on its way. */
    private record Delayed(CoreSignal signal) {}

    private final int node;
    private final int index;
    private final CoreSettings settings;
    private final CoreFaults faults;
    /** Frequency factor of a node-slowdown in force (1: full speed). */
    private double speed = 1;
    /** OS noise that came while the core could not be interrupted: taken at the next boundary. */
    private long owedNoise;
    private boolean noiseFromIdle;
    /** Per os-noise entry: its next occurrence, and whether it waits for the core to leave idle. */
    private long[] noiseAt;
    private boolean[] noiseParked;
    private Port nodePort;
    private Port kernelPort;

    private Mode mode = Mode.IDLE;
    private KernelThread thread;
    private UserThread user;
    private final Deque<Pending> pending = new ArrayDeque<>();

    // accounting
    private final long[] time = new long[CoreTime.values().length];
    private CoreTime category = CoreTime.IDLE;
    private long since;

    // the step in progress (user mode)
    private Step running;
    private long stepEnd;
    private long generation;
    /** Tags each round of loads, so that the answer to one an interrupt split is recognised as stale. */
    private long loadRequests;
    private boolean uipiReplied;
    private boolean uipiCostDone;
    private boolean uipiFault;
    private boolean atomicCostDone;
    private Long atomicOld;

    // kernel and interrupt phases
    private KernelExit exit;
    private boolean recognitionPending;
    private boolean phaseCostDone;
    private long timerGeneration;
    /** Handles of the scheduled step/phase end, timer and KB tick still to come (0: none). */
    private long pendingEnd;
    private long timerHandle;
    private long kbHandle;
    /** The deadline timer (0: none) and when it fires. */
    private long deadlineHandle;
    private long deadlineAt = Long.MAX_VALUE;
    /** The deadline of the local APIC timer, Long.MAX_VALUE when disarmed. */
    private long armedTimer = Long.MAX_VALUE;
    private long kbGeneration;

    private final UserApi api = new Api();

    private Core(int node, int index, CoreSettings settings, CoreFaults faults) {
        this.node = node;
        this.index = index;
        this.settings = settings;
        this.faults = faults;
    }

    public static Core create(int node, int index, CoreSettings settings) {
        return new Core(node, index, settings, CoreFaults.NONE);
    }

    /** A core with the fault-plan entries that apply to it. */
    public static Core create(int node, int index, CoreSettings settings, CoreFaults faults) {
        return new Core(node, index, settings, faults);
    }

    /** It holds code: the running program's fiber and the steps it handed over (with their conditions) (a checkpoint logs its group's inputs). */
    @Override
    protected boolean holdsCode() {
        return true;
    }

    @Override
    protected void onStart() {
        nodePort = port("node");
        kernelPort = port("kernel");
        if (!faults.isEmpty()) scheduleFaults();
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case StepDone d -> onStepDone(d);
            case PhaseDone d -> onPhaseDone(d);
            case TimerFired t -> onTimerFired(t);
            case KbTick k -> onKbTick(k);
            case StepDeadline d -> onStepDeadline();
            case KernelExit e -> onKernelExit(e);
            case CoreSignal.Ipi i -> {
                if (faults.touchesInterrupts() && intercepted(i, CoreFaults.classOf(i.vector()))) return;
                onInterrupt(i.vector(), i.sourceUpid());
            }
            case CoreSignal.PirBits b -> onPirBits(b);
            case CoreSignal.UipiDone u -> onUipiDone(u);
            case CoreSignal.WordValue w -> onWordValue(w);
            case CoreSignal.LoadedAny l -> onLoadedAny(l);
            case CoreSignal.Reaped r -> onReaped(r);
            case CoreSignal.AtomicDone a -> onAtomicDone(a);
            case CoreSignal.EventsTaken e -> onEventsTaken(e);
            case CoreSignal.MemoryRead m -> onMemoryRead(m);
            case CoreSignal.Forwarded f -> {
                if (faults.touchesInterrupts() && intercepted(f, org.bxiemu.engine.faults.Fault.Interrupts.UINTR)) return;
                onForwarded(f);
            }
            case SpeedChange c -> onSpeedChange();
            case NoiseTick n -> onNoise(n.noise());
            case Delayed d -> {
                switch (d.signal()) {
                    case CoreSignal.Ipi i -> onInterrupt(i.vector(), i.sourceUpid());
                    case CoreSignal.Forwarded f -> onForwarded(f);
                    default -> throw new IllegalStateException(id() + ": delayed " + d.signal());
                }
            }
            default -> throw new IllegalStateException(id() + ": unexpected " + message);
        }
    }

    // ---- interrupts ------------------------------------------------------------------------------

    private void onInterrupt(int vector, long sourceUpid) {
        pending.addLast(new Pending(vector, sourceUpid));
        switch (mode) {
            case IDLE -> {
                if (noiseParked != null) unparkNoise();
                mode = Mode.WAKING; // leaving the C-state is idle time
                phase(settings.idleExit());
            }
            case USER -> {
                if (interruptible(running)) {
                    suspendRunning();
                    boundary();
                }
            }
            default -> {} // taken at the next boundary
        }
    }

    private void onTimerFired(TimerFired t) {
        if (t.generation() != timerGeneration) return;
        timerHandle = 0;
        armedTimer = Long.MAX_VALUE;
        onInterrupt(Vectors.LOCAL_TIMER, 0);
    }

    private void onKbTick(KbTick k) {
        if (k.generation() != kbGeneration) return;
        kbHandle = 0;
        if (user == null || user.kbPeriod() == 0) return;
        stats().counter("core.uintr.kb-timer-ticks").add(1);
        localUserInterrupt(user.kbVector());
        kbHandle = schedule(user.kbPeriod(), new KbTick(kbGeneration));
    }

    private void onForwarded(CoreSignal.Forwarded f) {
        if (thread == null || thread.upid() != f.upid() || mode == Mode.IDLE || mode == Mode.WAKING) {
            send(nodePort, new CoreRequest.Repost(f.upid(), f.vector(), index)); // the OS path handles it
            return;
        }
        stats().counter("core.uintr.forwarded").add(1);
        localUserInterrupt(f.vector());
    }

    /** A user vector raised without UPID or notification (KB timer, forwarding): delivery cost only. */
    private void localUserInterrupt(int vector) {
        user.uintr().recognised(1L << vector);
        if (mode == Mode.USER && interruptible(running) && user.uintr().deliverable()) {
            suspendRunning();
            boundary();
        }
    }

    /** Takes the next pending interrupt in user mode (the step in progress was suspended). */
    private void takeInterrupt(Pending p) {
        if (p.vector() == Vectors.UINTR_NOTIFICATION && thread != null && thread.upid() != 0
                && thread.upid() == p.sourceUpid()) {
            mode = Mode.NOTIFYING;
            account(CoreTime.INTERRUPT);
            recognitionPending = true;
            send(nodePort, new CoreRequest.Recognize(thread.upid(), index));
            stats().counter("core.uintr.notifications").add(1);
            phase(onCore(settings.recognition()));
            return;
        }
        enterKernel(new CoreEntry.InterruptEntry(index, thread, p.vector(), p.sourceUpid()));
    }

    private void onPirBits(CoreSignal.PirBits b) {
        if (thread != null && thread.upid() == b.upid()) {
            ((UserThread) thread.user()).uintr().recognised(b.bits());
        } else if (b.bits() != 0) {
            // the thread left this core meanwhile: its posts go back to its UPID
            for (int v = 0; v < 64; v++) {
                if ((b.bits() & (1L << v)) != 0) send(nodePort, new CoreRequest.Repost(b.upid(), v, index));
            }
        }
        recognitionPending = false;
        if (mode == Mode.NOTIFYING && phaseCostDone) endNotification();
    }

    private void endNotification() {
        mode = Mode.USER;
        boundary();
    }

    private void startDelivery() {
        mode = Mode.DELIVERING;
        account(CoreTime.INTERRUPT);
        phase(onCore(settings.delivery()));
    }

    private void endDelivery() {
        int vector = user.uintr().deliver();
        stats().counter("core.uintr.deliveries").add(1);
        UserInterruptHandler handler = (UserInterruptHandler) thread.uintrHandler();
        if (handler == null) throw new IllegalStateException(thread + " got user vector " + vector + " with no handler");
        mode = Mode.USER;
        ThreadProgram body = handler.onInterrupt(vector, api);
        user.push(new Frame(Frame.Kind.USER_INTERRUPT, body));
        boundary();
    }

    // ---- phases: kernel work, idle exit, notification, delivery ------------------------------------

    private void phase(long duration) {
        newGeneration();
        phaseCostDone = false;
        if (duration > 0) pendingEnd = schedule(duration, new PhaseDone(generation));
        else onPhaseDone(new PhaseDone(generation));
    }

    private void onPhaseDone(PhaseDone d) {
        if (d.generation() != generation) return;
        pendingEnd = 0;
        phaseCostDone = true;
        switch (mode) {
            case WAKING -> {
                account(CoreTime.KERNEL);
                Pending p = pending.pollFirst();
                enterKernel(new CoreEntry.InterruptEntry(index, null, p.vector(), p.sourceUpid()));
            }
            case KERNEL -> afterKernelWork();
            case NOTIFYING -> {
                if (!recognitionPending) endNotification();
            }
            case DELIVERING -> endDelivery();
            case NOISE -> endNoise();
            default -> throw new IllegalStateException(id() + ": phase end in mode " + mode);
        }
    }

    // ---- the kernel ----------------------------------------------------------------------------------

    private void enterKernel(CoreEntry entry) {
        mode = Mode.KERNEL;
        account(CoreTime.KERNEL);
        newGeneration();
        exit = null;
        send(kernelPort, entry);
    }

    private void onKernelExit(KernelExit e) {
        if (mode != Mode.KERNEL || exit != null) throw new IllegalStateException(id() + ": kernel exit in mode " + mode);
        exit = e;
        long deadline = e.timer().orElse(Long.MAX_VALUE);
        if (deadline != armedTimer) { // re-arming the same deadline keeps the event already queued
            timerGeneration++;
            armedTimer = deadline;
            if (timerHandle != 0) cancel(timerHandle);
            timerHandle = deadline == Long.MAX_VALUE ? 0
                    : schedule(Math.max(1, deadline - now()), new TimerFired(timerGeneration));
        }
        phase(onCore(e.work()));
    }

    private void afterKernelWork() {
        KernelExit e = exit;
        exit = null;
        switch (e.next()) {
            case KernelExit.Idle i -> {
                switchTo(null);
                dropDeadlineTimer();
                mode = Mode.IDLE;
                account(CoreTime.IDLE);
                if (owedNoise > 0) {
                    startNoise(true);
                } else if (!pending.isEmpty()) {
                    Pending p = pending.pollFirst();
                    enterKernel(new CoreEntry.InterruptEntry(index, null, p.vector(), p.sourceUpid()));
                }
            }
            case KernelExit.RunThread r -> {
                switchTo(r.thread());
                r.result().ifPresent(result -> user.top().result(result));
                r.signal().ifPresent(s -> {
                    ThreadProgram body = ((SignalHandlerProgram) s.handler()).onSignal(s.signal(), s.value(), api);
                    user.push(new Frame(Frame.Kind.SIGNAL, body));
                });
                mode = Mode.USER;
                boundary();
            }
        }
    }

    private void switchTo(KernelThread next) {
        if (next == thread) return;
        thread = next;
        user = next == null ? null : (UserThread) next.user();
        newKbGeneration();
        if (user != null && user.kbPeriod() > 0) kbHandle = schedule(user.kbPeriod(), new KbTick(kbGeneration));
    }

    // ---- user mode ------------------------------------------------------------------------------------

    /**
     * An instruction boundary in user mode: take a pending interrupt, else deliver a recognised
     * user interrupt, else go on with the current frame's suspended step or its next one.
     */
    private void boundary() {
        while (mode == Mode.USER) {
            if (owedNoise > 0) {
                startNoise(false);
                return;
            }
            Pending p = pending.pollFirst();
            if (p != null) {
                takeInterrupt(p);
                return;
            }
            if (user.uintr().deliverable()) {
                if (thread.uintrHandler() == null) {
                    // no UIHANDLER (unregistered, or a KB timer armed without one): nothing to deliver to
                    stats().counter("core.uintr.dropped-without-handler").add(1);
                    user.uintr().clear();
                    continue;
                }
                startDelivery();
                return;
            }
            Frame frame = user.top();
            Step step = frame.suspended();
            long remaining = frame.remaining();
            if (step != null) {
                frame.resumed();
            } else {
                step = frame.program().next(api);
                if (step == null) throw new IllegalStateException(thread + ": program returned no step");
                remaining = -1;
            }
            if (!start(step, remaining)) return; // the step takes time; its end calls boundary again
        }
    }

    private CoreTime categoryOf(CoreTime mainCategory) {
        return user.top().kind() == Frame.Kind.MAIN ? mainCategory : CoreTime.HANDLER;
    }

    /** Starts {@code step}; returns true when it completed at once. {@code remaining} ≥ 0 resumes a split step. */
    private boolean start(Step step, long remaining) {
        switch (step) {
            case Step.Compute c -> {
                return timed(step, remaining >= 0 ? remaining : slowed(c.duration()), categoryOf(CoreTime.COMPUTE));
            }
            case Step.Library l -> {
                return timed(step, remaining >= 0 ? remaining : cycles(l.cycles()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.SpinUntil s -> {
                if (s.condition().getAsBoolean()) return done(SyscallResult.ok(0));
                if (now() >= s.deadline()) return done(SyscallResult.error(Errno.ETIMEDOUT));
                running = step;
                account(categoryOf(CoreTime.POLLING));
                armDeadline(s.deadline());
                return false;
            }
            case Step.WaitWord w -> {
                if (now() >= w.deadline()) return done(SyscallResult.error(Errno.ETIMEDOUT));
                running = step;
                account(categoryOf(CoreTime.POLLING));
                send(nodePort, new CoreRequest.Watch(List.of(new Step.WordCondition(w.address(), w.until())), index));
                armDeadline(w.deadline());
                return false;
            }
            case Step.LoadAny l -> {
                if (l.words().isEmpty()) return done(SyscallResult.ok(0));
                running = step;
                account(categoryOf(CoreTime.POLLING));
                send(nodePort, new CoreRequest.LoadAny(l.words(), index, ++loadRequests));
                return false;
            }
            case Step.WaitAnyWord any -> {
                if (now() >= any.deadline()) return done(SyscallResult.error(Errno.ETIMEDOUT));
                running = step;
                account(categoryOf(CoreTime.POLLING));
                send(nodePort, new CoreRequest.Watch(any.words(), index));
                armDeadline(any.deadline());
                return false;
            }
            case Step.Atomic a -> {
                running = step;
                account(categoryOf(CoreTime.LIBRARY));
                atomicCostDone = false;
                atomicOld = null;
                send(nodePort, new CoreRequest.Atomic(a.address(), a.kind(), a.operand(), a.expected(), index));
                return timed(step, onCore(settings.atomic()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Reap r -> {
                running = step;
                account(categoryOf(CoreTime.LIBRARY));
                send(nodePort, new CoreRequest.Reap(r.address(), r.max(), index));
                return false;
            }
            case Step.Doorbell d -> {
                send(nodePort, new CoreRequest.Doorbell(d.portalsPid(), d.completionWord(), d.request(), index));
                return timed(step, onCore(settings.doorbell()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.TakeEvents t -> {
                running = step;
                account(categoryOf(CoreTime.LIBRARY));
                send(nodePort, new CoreRequest.TakeEvents(t.portalsPid(), t.eq(), t.max(), index));
                return false;
            }
            case Step.WriteMemory w -> {
                send(nodePort, new CoreRequest.WriteMemory(w.address(), w.data().clone(), index));
                return timed(step, onCore(settings.store()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.FreeMemory f -> {
                send(nodePort, new CoreRequest.FreeMemory(f.address(), f.length(), index));
                return timed(step, onCore(settings.store()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.ReadMemory r -> {
                running = step;
                account(categoryOf(CoreTime.LIBRARY));
                send(nodePort, new CoreRequest.ReadMemory(r.address(), r.length(), index));
                return false;
            }
            case Step.Store s -> {
                send(nodePort, new CoreRequest.Store(s.address(), s.value(), index));
                return timed(step, onCore(settings.store()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Call c -> {
                if (c.syscall() instanceof Syscall.SigReturn) {
                    if (user.top().kind() != Frame.Kind.SIGNAL) throw new IllegalStateException(thread + ": sigreturn outside a signal handler");
                    user.pop();
                }
                // uintr_unregister_handler clears the receiver's MSRs, UIRR included: a vector
                // recognised but not yet delivered has no handler to go to any more
                if (c.syscall() instanceof Syscall.UintrUnregisterHandler) user.uintr().clear();
                running = null;
                enterKernel(new CoreEntry.SyscallEntry(index, thread, c.syscall()));
                return false;
            }
            case Step.SendUipi u -> {
                uipiReplied = false;
                uipiCostDone = false;
                send(nodePort, new CoreRequest.SendUipi(thread.pid(), u.index(), index));
                return timed(step, onCore(settings.senduipi()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Clui c -> {
                user.uintr().setUif(false);
                return timed(step, onCore(settings.clui()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Stui s -> {
                user.uintr().setUif(true);
                return timed(step, onCore(settings.stui()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Testui t -> {
                return timed(step, onCore(settings.testui()), categoryOf(CoreTime.LIBRARY));
            }
            case Step.Uiret u -> {
                if (user.top().kind() != Frame.Kind.USER_INTERRUPT) throw new IllegalStateException(thread + ": UIRET outside a user-interrupt handler");
                return timed(step, onCore(settings.uiret()), CoreTime.HANDLER);
            }
            case Step.KbTimer k -> {
                user.kbTimer(k.period(), k.vector());
                newKbGeneration();
                if (k.period() > 0) kbHandle = schedule(k.period(), new KbTick(kbGeneration));
                return done(SyscallResult.ok(0));
            }
        }
    }

    private boolean timed(Step step, long duration, CoreTime what) {
        running = step;
        account(what);
        newGeneration();
        if (duration <= 0) return finish(step);
        stepEnd = now() + duration;
        pendingEnd = schedule(duration, new StepDone(generation));
        return false;
    }

    private void onStepDone(StepDone d) {
        if (d.generation() != generation) return;
        pendingEnd = 0;
        if (mode != Mode.USER) return;
        if (finish(running)) boundary();
    }

    /** The timed part of {@code step} is over: apply its effect; true if it is complete. */
    private boolean finish(Step step) {
        switch (step) {
            case Step.SendUipi u -> {
                uipiCostDone = true;
                if (!uipiReplied) return false;
                if (uipiFault) {
                    running = null;
                    stats().counter("core.uintr.senduipi-faults").add(1);
                    enterKernel(new CoreEntry.FaultEntry(index, thread, "SENDUIPI with invalid UITT index " + u.index()));
                    return false;
                }
                stats().counter("core.uintr.senduipi").add(1);
                return done(SyscallResult.ok(0));
            }
            case Step.Testui t -> {
                return done(SyscallResult.ok(user.uintr().uif() ? 1 : 0));
            }
            case Step.Atomic a -> {
                atomicCostDone = true;
                if (atomicOld == null) return false; // the old value is still on its way
                return done(SyscallResult.ok(atomicOld));
            }
            case Step.Uiret u -> {
                running = null;
                user.pop();
                user.uintr().setUif(true);
                return true;
            }
            default -> {
                return done(SyscallResult.ok(0));
            }
        }
    }

    private boolean done(SyscallResult result) {
        running = null;
        user.top().result(result);
        return true;
    }

    private void onUipiDone(CoreSignal.UipiDone u) {
        uipiReplied = true;
        uipiFault = u.fault();
        if (mode == Mode.USER && running instanceof Step.SendUipi s && uipiCostDone && finish(s)) boundary();
    }

    private void onEventsTaken(CoreSignal.EventsTaken e) {
        if (mode != Mode.USER || !(running instanceof Step.TakeEvents)) {
            throw new IllegalStateException(id() + ": events taken while not taking events");
        }
        user.top().events(e.events());
        done(SyscallResult.ok(e.events().size()));
        boundary();
    }

    private void onMemoryRead(CoreSignal.MemoryRead m) {
        if (mode != Mode.USER || !(running instanceof Step.ReadMemory)) {
            throw new IllegalStateException(id() + ": memory read while not reading");
        }
        done(SyscallResult.read(m.length(), m.data()));
        boundary();
    }

    private void onAtomicDone(CoreSignal.AtomicDone a) {
        atomicOld = a.old();
        if (mode == Mode.USER && running instanceof Step.Atomic at && atomicCostDone && finish(at)) boundary();
    }

    private void onReaped(CoreSignal.Reaped r) {
        if (mode != Mode.USER || !(running instanceof Step.Reap reap) || reap.address() != r.address()) {
            throw new IllegalStateException(id() + ": completions reaped while not reaping");
        }
        user.top().completions(r.completions());
        done(SyscallResult.ok(r.completions().size()));
        boundary();
    }

    private void onWordValue(CoreSignal.WordValue w) {
        if (mode == Mode.USER && running instanceof Step.WaitAnyWord any) {
            for (int i = 0; i < any.words().size(); i++) {
                Step.WordCondition c = any.words().get(i);
                if (c.address() == w.address() && c.until().test(w.value())) {
                    done(SyscallResult.ok(i));
                    boundary();
                    return;
                }
            }
            return;
        }
        if (mode != Mode.USER || !(running instanceof Step.WaitWord wait) || wait.address() != w.address()) return;
        if (!wait.until().test(w.value())) return; // from an earlier wait on the word
        done(SyscallResult.ok(w.value()));
        boundary();
    }

    private void onLoadedAny(CoreSignal.LoadedAny l) {
        // an answer to a round that an interrupt split is stale: the resumed step loads again
        if (mode != Mode.USER || !(running instanceof Step.LoadAny) || l.request() != loadRequests) return;
        done(SyscallResult.ok(l.index()));
        boundary();
    }

    /** The running wait ends otherwise than by its word: the node forgets the core's watch. */
    private void unwatch() {
        if (running instanceof Step.WaitWord || running instanceof Step.WaitAnyWord) {
            send(nodePort, new CoreRequest.Unwatch(index));
        }
    }

    /**
     * One deadline timer per core, moved only to an earlier deadline: waits start and end far
     * more often than deadlines fall, so a wait that ends leaves the timer armed, and when it
     * fires it times out the running wait if that one's deadline has come, or moves to it.
     */
    private void armDeadline(long deadline) {
        if (deadline == Step.END_OF_TIME || deadline >= deadlineAt) return;
        if (deadlineHandle != 0) cancel(deadlineHandle);
        deadlineAt = deadline;
        deadlineHandle = schedule(deadline - now(), new StepDeadline());
    }

    /** No wait of this core can time out (it idles with no thread): the timer goes, leaving no trace. */
    private void dropDeadlineTimer() {
        if (deadlineHandle != 0) cancel(deadlineHandle);
        deadlineHandle = 0;
        deadlineAt = Long.MAX_VALUE;
    }

    private static long deadlineOf(Step step) {
        return switch (step) {
            case Step.SpinUntil s -> s.deadline();
            case Step.WaitWord w -> w.deadline();
            case Step.WaitAnyWord any -> any.deadline();
            case null, default -> Step.END_OF_TIME;
        };
    }

    /** The deadline timer fired: the running wait gives up (-ETIMEDOUT) if its deadline has come. */
    private void onStepDeadline() {
        deadlineHandle = 0;
        deadlineAt = Long.MAX_VALUE;
        if (mode != Mode.USER) return; // a wait resuming later arms the timer again
        long deadline = deadlineOf(running);
        if (deadline == Step.END_OF_TIME) return;
        if (deadline > now()) {
            armDeadline(deadline);
            return;
        }
        unwatch();
        done(SyscallResult.error(Errno.ETIMEDOUT));
        boundary();
    }

    private static boolean interruptible(Step step) {
        return step instanceof Step.Compute || step instanceof Step.Library || step instanceof Step.SpinUntil
                || step instanceof Step.WaitWord || step instanceof Step.WaitAnyWord || step instanceof Step.LoadAny;
    }

    /** Splits the running interruptible step: it resumes later with exactly its remaining time. */
    private void suspendRunning() {
        if (running == null) return;
        long remaining = running instanceof Step.Compute || running instanceof Step.Library ? stepEnd - now() : 0;
        unwatch();
        user.top().suspend(running, remaining);
        running = null;
        newGeneration();
        stats().counter("core.steps-split").add(1);
    }

    /** Invalidates the step or phase end in flight: cancelled, so it leaves no trace in the run. */
    private void newGeneration() {
        generation++;
        if (pendingEnd != 0) cancel(pendingEnd);
        pendingEnd = 0;
    }

    private void newKbGeneration() {
        kbGeneration++;
        if (kbHandle != 0) cancel(kbHandle);
        kbHandle = 0;
    }

    // ---- fault plan: slowdown, OS noise, delayed and dropped interrupts ---------------------------------

    /** A cost in cycles on this core, at its frequency times any slowdown in force. */
    private long onCore(Cost cost) {
        return slowed(cost.on(settings.frequency()));
    }

    /** Work that takes {@code ps} at full speed, started now. */
    private long slowed(long ps) {
        return speed == 1 ? ps : (long) Math.ceil(ps / speed);
    }

    private void scheduleFaults() {
        for (org.bxiemu.engine.faults.Fault.NodeSlowdown s : faults.slowdowns()) {
            if (s.when().start() == 0) onSpeedChange();
            else schedule(s.when().start(), new SpeedChange());
            if (s.when().end() != org.bxiemu.engine.faults.Fault.When.FOREVER) schedule(s.when().end(), new SpeedChange());
        }
        noiseAt = new long[faults.noises().size()];
        noiseParked = new boolean[noiseAt.length];
        for (int n = 0; n < noiseAt.length; n++) {
            noiseAt[n] = nextNoise(n, faults.noises().get(n).when().start());
            armNoise(n);
        }
    }

    private void onSpeedChange() {
        double factor = 1;
        for (org.bxiemu.engine.faults.Fault.NodeSlowdown s : faults.slowdowns()) {
            if (s.when().covers(now())) factor *= s.factor();
        }
        speed = factor;
        span("fault", factor == 1 ? "full speed" : "slowdown x" + factor, now(), now());
    }

    /** Noise {@code n}'s occurrence one period (± jitter, seeded) after {@code from}. */
    private long nextNoise(int n, long from) {
        org.bxiemu.engine.faults.Fault.OsNoise noise = faults.noises().get(n);
        long jitter = noise.jitter() == 0 ? 0 : rng().nextLong(-noise.jitter(), noise.jitter() + 1);
        return from + noise.period() + jitter;
    }

    private void armNoise(int n) {
        if (faults.noises().get(n).when().covers(noiseAt[n])) schedule(noiseAt[n] - now(), new NoiseTick(n));
    }

    /**
     * OS noise steals the core: at once if it is in an interruptible step, else at its next
     * boundary. An idle core disturbs no one: its noise waits until it wakes (so a run still ends
     * when its job does), then goes on with the occurrences still to come.
     */
    private void onNoise(int n) {
        if (mode == Mode.IDLE) {
            noiseParked[n] = true;
            return;
        }
        noiseAt[n] = nextNoise(n, noiseAt[n]);
        armNoise(n);
        owedNoise += faults.noises().get(n).length();
        stats().counter("core.noise.occurrences").add(1);
        if (mode == Mode.USER && running != null && interruptible(running)) {
            suspendRunning();
            startNoise(false);
        }
    }

    private void unparkNoise() {
        for (int n = 0; n < noiseAt.length; n++) {
            if (!noiseParked[n]) continue;
            noiseParked[n] = false;
            while (noiseAt[n] <= now()) noiseAt[n] = nextNoise(n, noiseAt[n]);
            armNoise(n);
        }
    }

    private void startNoise(boolean fromIdle) {
        long length = owedNoise;
        owedNoise = 0;
        noiseFromIdle = fromIdle;
        mode = Mode.NOISE;
        account(CoreTime.KERNEL);
        stats().counter("core.noise.ps").add(length);
        phase(length);
    }

    private void endNoise() {
        if (noiseFromIdle) {
            mode = Mode.IDLE;
            account(CoreTime.IDLE);
            if (!pending.isEmpty()) {
                Pending p = pending.pollFirst();
                mode = Mode.KERNEL;
                enterKernel(new CoreEntry.InterruptEntry(index, null, p.vector(), p.sourceUpid()));
            }
        } else {
            mode = Mode.USER;
            boundary();
        }
    }

    /** Drops or delays an interrupt of class {@code what} as the plan says; true if it was (it is not taken now). */
    private boolean intercepted(CoreSignal signal, org.bxiemu.engine.faults.Fault.Interrupts what) {
        if (what == null) return false;
        for (org.bxiemu.engine.faults.Fault.InterruptDrop d : faults.drops()) {
            if (d.when().covers(now()) && CoreFaults.touches(d.interrupts(), what) && rng().nextDouble() < d.rate()) {
                stats().counter("core.interrupts.dropped").add(1);
                span("fault", "interrupt dropped", now(), now());
                return true;
            }
        }
        long delay = 0;
        for (org.bxiemu.engine.faults.Fault.InterruptDelay d : faults.delays()) {
            if (d.when().covers(now()) && CoreFaults.touches(d.interrupts(), what)) delay += d.delay();
        }
        if (delay == 0) return false;
        stats().counter("core.interrupts.delayed").add(1);
        schedule(delay, new Delayed(signal));
        return true;
    }

    // ---- accounting ------------------------------------------------------------------------------------

    /** From now on the core spends its time on {@code next}; the time since the last change goes to the previous category. */
    private void account(CoreTime next) {
        if (next == category) return;
        close();
        category = next;
    }

    private void close() {
        long elapsed = now() - since;
        if (elapsed > 0) {
            time[category.ordinal()] += elapsed;
            span(category.label(), category.label(), since, now());
        }
        since = now();
    }

    private long cycles(long cycles) {
        return onCore(Cost.ofCycles(cycles));
    }

    @Override
    protected void onFinish() {
        close();
        long total = 0;
        for (CoreTime t : CoreTime.values()) {
            stats().counter(t.counter()).add(time[t.ordinal()]);
            total += time[t.ordinal()];
        }
        stats().counter("core.time.total").add(total);
    }

    private final class Api implements UserApi {
        @Override
        public long now() {
            return Core.this.now();
        }

        @Override
        public SyscallResult result() {
            return user.top().result();
        }

        @Override
        public java.util.List<org.bxiemu.node.user.Completion> completions() {
            return user.top().completions();
        }

        @Override
        public java.util.List<org.bxiemu.nic.portals.Event> events() {
            return user.top().events();
        }

        @Override
        public long upid() {
            return thread.upid();
        }

        @Override
        public int tid() {
            return thread.tid();
        }

        @Override
        public int pid() {
            return thread.pid();
        }

        @Override
        public int node() {
            return node;
        }

        @Override
        public int core() {
            return index;
        }

        @Override
        public long cycles(long ps) {
            return settings.frequency().cycles(ps);
        }

        @Override
        public void count(String name, long amount) {
            stats().counter(name).add(amount);
        }

        @Override
        public void sample(String name, long value) {
            stats().histogram(name).record(value);
        }
    }
}
