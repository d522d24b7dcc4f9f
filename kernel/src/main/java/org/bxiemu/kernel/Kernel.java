package org.bxiemu.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.engine.units.Frequency;
import org.bxiemu.kernel.CoreEntry.FaultEntry;
import org.bxiemu.kernel.CoreEntry.InterruptEntry;
import org.bxiemu.kernel.CoreEntry.SyscallEntry;
import org.bxiemu.kernel.KernelExit.RunThread;
import org.bxiemu.kernel.KernelExit.SignalDelivery;
import org.bxiemu.kernel.KernelThread.State;
import org.bxiemu.kernel.process.ProcessEffect;
import org.bxiemu.kernel.process.ProcessManager;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.kernel.process.Tid;
import org.bxiemu.protocol.kernel.KernelRpc;

/**
 * The kernel of one node. It holds threads, run queues, files, signals and the kernel side of
 * user interrupts, and decides; the work runs on cores: every {@link CoreEntry} is answered by
 * one {@link KernelExit} that tells the core how long it stays in the kernel and what it runs
 * next. Other cores are reached by IPIs through the node ({@link NodeRequest.SendIpi}); they
 * then enter the kernel themselves. Kernels of different nodes talk by RPCs over port "rpc".
 */
public final class Kernel extends Component {
    /** Signals whose default action is to be ignored; every other unhandled signal terminates. */
    private static final long IGNORED_BY_DEFAULT = bit(17) | bit(23) | bit(28);
    public static final int SIGKILL = 9;
    /** Counter prefix naming each thread alive at the end of the run: {@code <prefix><tid>.<program>}. */
    public static final String ALIVE_AT_END = "kernel.alive-at-end.";
    /** UPIDs are allocated from here, 64 bytes apart, in registration order (one node). */
    public static final long UPID_BASE = 0x7F00_0000_0000L;

    private final int node;
    private final KernelSettings settings;
    private final Frequency frequency;
    private final UserContextFactory programs;
    private final List<BootProcess> boot;
    private final CoreState[] cores;
    private final TreeMap<Integer, KernelThread> threads = new TreeMap<>();
    private final TreeMap<Integer, LocalProcess> processes = new TreeMap<>();
    private final TreeMap<Long, KernelThread> upidOwners = new TreeMap<>();
    private final TreeMap<Integer, IrqBinding> irqs = new TreeMap<>();
    /** Threads blocked in SpawnThreads/KillThread, by request id. */
    private final TreeMap<Long, KernelThread> awaitingProcesses = new TreeMap<>();
    private ProcessManager processManager;
    private int nextThreadIndex = 1;
    private long nextUpid = UPID_BASE;
    private long nextRequest = 1;
    /** Completion rings' queues are allocated in node memory from here, one page apart. */
    public static final long RING_BASE = 0x7E00_0000_0000L;
    private long nextRing = RING_BASE;
    private final List<RingTimeout> ringTimeouts = new ArrayList<>();

    private record RingTimeout(int core, long deadline, OpenFile.Ring ring, long userData) {}

    // the entry being handled
    private int handlingCore = -1;
    /** The thread the entering core was running (null when idle): switching away from it costs a context switch. */
    private KernelThread entryThread;
    private Cost charge = Cost.ZERO;
    private boolean preempt;
    /** The thread that called sched_yield in the entry being handled. */
    private KernelThread yielded;

    private Port nodePort;
    private Port rpcPort;
    private Port[] corePorts;

    private record IrqBinding(int pid, Syscall.IrqAction action) {}

    private static final class CoreState {
        KernelThread current;
        final Deque<KernelThread> runQueue = new ArrayDeque<>();
        long sliceEnd;
        boolean ipiPending;
        /** A woken thread preempts the current one when the core next enters the kernel. */
        boolean wakeupPending;
    }

    /** What a blocked thread waits for; cancelled when a signal or a kill interrupts the wait. */
    private sealed interface Wait {}

    private record ReadWait(ByteChannel channel, long maxLength) implements Wait {}

    private record WriteWait(ByteChannel channel, long length, byte[] data) implements Wait {}

    /** A reader blocked on an eventfd until {@code deadline} (END_OF_TIME: no timeout). */
    private record EventfdWait(OpenFile.EventFd file, long deadline) implements Wait {}

    private static final long END_OF_TIME = Long.MAX_VALUE;

    private record SleepWait(long deadline) implements Wait {}

    private record SignalWait() implements Wait {}

    private record UintrWaitState() implements Wait {}

    private record ProcessWait(long request) implements Wait {}

    private record FenceWait(long generation) implements Wait {}

    /** Fences completed here, per process; arrivals counted at the owner, per (process, fence). */
    private final TreeMap<Integer, Long> fenceGeneration = new TreeMap<>();
    private final TreeMap<String, java.util.TreeSet<Integer>> fenceArrivals = new TreeMap<>();
    private final TreeMap<String, Integer> fenceCounts = new TreeMap<>();

    private Kernel(int node, int cores, KernelSettings settings, Frequency frequency, UserContextFactory programs,
            List<BootProcess> boot) {
        this.node = node;
        this.settings = settings;
        this.frequency = frequency;
        this.programs = programs;
        this.boot = List.copyOf(boot);
        this.cores = new CoreState[cores];
        for (int i = 0; i < cores; i++) this.cores[i] = new CoreState();
    }

    public static Kernel create(int node, int cores, KernelSettings settings, Frequency frequency,
            UserContextFactory programs, List<BootProcess> boot) {
        return new Kernel(node, cores, settings, frequency, programs, boot);
    }

    /** The names of a kernel's ports towards core {@code i}. */
    public static String corePort(int i) {
        return "core" + i;
    }

    /** It holds code: its threads' programs and their signal and interrupt handlers (a checkpoint logs its group's inputs). */
    @Override
    protected boolean holdsCode() {
        return true;
    }

    @Override
    protected void onStart() {
        nodePort = port("node");
        rpcPort = port("rpc");
        corePorts = new Port[cores.length];
        for (int i = 0; i < cores.length; i++) corePorts[i] = port(corePort(i));
        processManager = new ProcessManager(node);
        for (BootProcess p : boot) {
            int pid = processManager.createProcess(p.name());
            List<org.bxiemu.kernel.process.Placement> placements = new ArrayList<>();
            for (ThreadSpec spec : p.threads()) placements.add(new org.bxiemu.kernel.process.Placement(node, spec));
            apply(processManager.spawn(nextRequest++, pid, placements));
        }
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case SyscallEntry e -> onSyscall(e);
            case InterruptEntry e -> onInterrupt(e);
            case FaultEntry e -> onFault(e);
            case KernelRpc rpc -> onRpc(rpc);
            default -> throw new IllegalStateException(id() + ": unexpected " + message);
        }
    }

    // ---- entries -----------------------------------------------------------------------------

    private void onSyscall(SyscallEntry e) {
        enter(e.core(), e.thread(), settings.syscall());
        KernelThread t = e.thread();
        stats().counter("kernel.syscalls").add(1);
        SyscallResult result = syscall(t, e.call());
        if (result != null && t.state == State.RUNNING) t.pendingResult = result;
        leave();
    }

    private void onInterrupt(InterruptEntry e) {
        boolean timer = e.vector() == Vectors.LOCAL_TIMER;
        enter(e.core(), e.thread(), timer ? settings.timerInterrupt() : settings.ipiReceive());
        stats().counter("kernel.interrupts." + Vectors.name(e.vector())).add(1);
        CoreState cs = cores[e.core()];
        switch (e.vector()) {
            case Vectors.RESCHEDULE -> cs.ipiPending = false;
            case Vectors.LOCAL_TIMER -> onTimer(e.core());
            case Vectors.UINTR_KERNEL_WAIT -> onUintrWake(e.sourceUpid());
            case Vectors.UINTR_NOTIFICATION -> stats().counter("kernel.uintr.spurious").add(1);
            default -> onDeviceInterrupt(e.vector());
        }
        leave();
    }

    private void onFault(FaultEntry e) {
        enter(e.core(), e.thread(), settings.ipiReceive());
        stats().counter("kernel.faults").add(1);
        terminate(e.thread(), 128 + 11);
        leave();
    }

    private void enter(int core, KernelThread running, Cost entryWork) {
        handlingCore = core;
        entryThread = running;
        charge = entryWork;
        preempt = cores[core].wakeupPending;
        cores[core].wakeupPending = false;
    }

    /** Picks what the handled core runs next, and answers it. */
    private void leave() {
        int core = handlingCore;
        CoreState cs = cores[core];
        KernelThread prev = cs.current;
        if (prev != null && prev.killRequested) {
            finish(prev, prev.exitCode);
            prev = cs.current;
        }
        KernelThread next = prev;
        if (prev != null && prev.state == State.RUNNING && (preempt || yielded == prev) && hasRunnable(cs)) {
            prev.state = State.RUNNABLE;
            cs.runQueue.addLast(prev);
            if (prev.upid != 0) send(nodePort, new NodeRequest.UpidSuppress(prev.upid), ps(charge));
            if (preempt) stats().counter("kernel.preemptions").add(1);
            next = null;
        }
        yielded = null;
        if (next == null || next.state != State.RUNNING) next = pollRunnable(cs);
        if (next != null && next != entryThread) {
            charge = charge.plus(settings.contextSwitch());
            stats().counter("kernel.context-switches").add(1);
        }
        Optional<SyscallResult> result = Optional.empty();
        Optional<SignalDelivery> signal = Optional.empty();
        if (next != null) {
            if (next.state != State.RUNNING && next.upid != 0) {
                send(nodePort, new NodeRequest.UpidResume(next.upid, core), ps(charge));
            }
            next.state = State.RUNNING;
            result = Optional.ofNullable(next.pendingResult);
            next.pendingResult = null;
            charge = charge.plus(next.pendingWork);
            next.pendingWork = Cost.ZERO;
            signal = pickSignal(next);
        }
        cs.current = next;
        if (next != null && !cs.runQueue.isEmpty()) {
            if (cs.sliceEnd == 0 || next != prev) cs.sliceEnd = now() + ps(charge) + settings.timeSlice();
        } else {
            cs.sliceEnd = 0;
        }
        long timer = cs.sliceEnd == 0 ? Long.MAX_VALUE : cs.sliceEnd;
        for (KernelThread t : threads.values()) {
            if (t.core() == core && t.waitingOn instanceof SleepWait s) timer = Math.min(timer, s.deadline());
            if (t.core() == core && t.waitingOn instanceof EventfdWait e) timer = Math.min(timer, e.deadline());
        }
        for (RingTimeout r : ringTimeouts) {
            if (r.core() == core) timer = Math.min(timer, r.deadline());
        }
        KernelExit.Next what = next == null ? new KernelExit.Idle() : new RunThread(next, result, signal);
        send(corePorts[core], new KernelExit(charge, what, timer == Long.MAX_VALUE ? OptionalLong.empty()
                : OptionalLong.of(timer)));
        handlingCore = -1;
    }

    private boolean hasRunnable(CoreState cs) {
        return cs.runQueue.stream().anyMatch(t -> t.state == State.RUNNABLE);
    }

    private KernelThread pollRunnable(CoreState cs) {
        while (!cs.runQueue.isEmpty()) {
            KernelThread t = cs.runQueue.pollFirst();
            if (t.state == State.RUNNABLE) return t;
        }
        return null;
    }

    // ---- system calls ---------------------------------------------------------------------------

    /** Carries out {@code call} for {@code t}; returns its result, or null when {@code t} blocked. */
    private SyscallResult syscall(KernelThread t, Syscall call) {
        LocalProcess process = processes.get(t.pid());
        return switch (call) {
            case Syscall.Exit x -> {
                terminate(t, x.code());
                yield null;
            }
            case Syscall.SchedYield y -> {
                yielded = t;
                yield SyscallResult.ok(0);
            }
            case Syscall.Nanosleep s -> {
                block(t, new SleepWait(now() + s.duration()), true);
                yield null;
            }
            case Syscall.Eventfd ev -> SyscallResult.ok(process.open(new OpenFile.EventFd(ev.initial())));
            case Syscall.EventfdWrite w -> eventfdWrite(process, w.fd(), w.value());
            case Syscall.EventfdRead r -> eventfdRead(t, process, r.fd(), END_OF_TIME);
            case Syscall.EventfdPollRead r -> eventfdRead(t, process, r.fd(), now() + r.timeout());
            case Syscall.Pipe p -> {
                ByteChannel channel = new ByteChannel(ByteChannel.Kind.PIPE, settings.pipeCapacity());
                int read = process.open(new OpenFile.ChannelEnd(channel, null));
                int write = process.open(new OpenFile.ChannelEnd(null, channel));
                yield SyscallResult.pair(read, write);
            }
            case Syscall.SocketPair p -> {
                ByteChannel ab = new ByteChannel(ByteChannel.Kind.UNIX_SOCKET, settings.unixCapacity());
                ByteChannel ba = new ByteChannel(ByteChannel.Kind.UNIX_SOCKET, settings.unixCapacity());
                int a = process.open(new OpenFile.ChannelEnd(ba, ab));
                int b = process.open(new OpenFile.ChannelEnd(ab, ba));
                yield SyscallResult.pair(a, b);
            }
            case Syscall.Write w -> write(t, process, w);
            case Syscall.Read r -> read(t, process, r);
            case Syscall.Close c -> process.files.remove(c.fd()) == null ? SyscallResult.error(Errno.EBADF)
                    : SyscallResult.ok(0);
            case Syscall.Kill k -> signal(k.tid(), k.signal(), 0);
            case Syscall.Sigqueue q -> signal(q.tid(), q.signal(), q.value());
            case Syscall.Sigaction a -> {
                if (a.signal() < 1 || a.signal() > 63 || a.signal() == SIGKILL) yield SyscallResult.error(Errno.EINVAL);
                if (a.handler() == null) t.handlers.remove(a.signal());
                else t.handlers.put(a.signal(), a.handler());
                yield SyscallResult.ok(0);
            }
            case Syscall.Sigprocmask m -> {
                long set = m.set() & ~bit(SIGKILL);
                t.signalMask = switch (m.how()) {
                    case BLOCK -> t.signalMask | set;
                    case UNBLOCK -> t.signalMask & ~set;
                    case SET -> set;
                };
                int fatal = unblockedDefault(t);
                if (fatal > 0) {
                    terminate(t, 128 + fatal);
                    yield null;
                }
                yield SyscallResult.ok(0);
            }
            case Syscall.Pause p -> {
                block(t, new SignalWait(), true);
                yield null;
            }
            case Syscall.Sigsuspend s -> {
                t.maskAfterSuspend = t.signalMask;
                t.signalMask = s.mask() & ~bit(SIGKILL);
                block(t, new SignalWait(), true);
                yield null;
            }
            case Syscall.SigReturn r -> {
                charge = charge.plus(settings.signalReturn());
                if (!t.savedMasks.isEmpty()) t.signalMask = t.savedMasks.pop();
                yield null; // the core resumes what the signal interrupted; there is no result
            }
            case Syscall.UintrRegisterHandler h -> {
                if (t.upid == 0) {
                    t.upid = nextUpid;
                    nextUpid += 64; // UPIDs are 64-byte aligned
                    upidOwners.put(t.upid, t);
                    send(nodePort, new NodeRequest.UpidCreate(t.upid, Vectors.UINTR_NOTIFICATION, t.core()), ps(charge));
                }
                t.uintrHandler = h.handler();
                t.uintrFlags = h.flags();
                yield SyscallResult.ok(0);
            }
            case Syscall.UintrUnregisterHandler u -> {
                if (t.upid == 0) yield SyscallResult.error(Errno.EINVAL);
                freeUpid(t);
                yield SyscallResult.ok(0);
            }
            case Syscall.UintrCreateFd c -> {
                if (t.upid == 0 || c.vector() < 0 || c.vector() > 63) yield SyscallResult.error(Errno.EINVAL);
                yield SyscallResult.ok(process.open(new OpenFile.UintrFd(t, c.vector())));
            }
            case Syscall.UintrRegisterSender s -> {
                if (!(process.files.get(s.fd()) instanceof OpenFile.UintrFd fd)) yield SyscallResult.error(Errno.EBADF);
                if (fd.receiver().upid == 0) yield SyscallResult.error(Errno.EINVAL);
                int index = process.freeUittIndex();
                if (index < 0) yield SyscallResult.error(Errno.ENOSPC);
                process.uitt.put(index, fd);
                send(nodePort, new NodeRequest.UittSet(process.pid, index, fd.vector(), fd.receiver().upid), ps(charge));
                yield SyscallResult.ok(index);
            }
            case Syscall.UintrUnregisterSender s -> {
                if (process.uitt.remove(s.index()) == null) yield SyscallResult.error(Errno.EINVAL);
                send(nodePort, new NodeRequest.UittClear(process.pid, s.index()), ps(charge));
                yield SyscallResult.ok(0);
            }
            case Syscall.UintrWait w -> {
                if (t.upid == 0) yield SyscallResult.error(Errno.EINVAL);
                block(t, new UintrWaitState(), true);
                yield null;
            }
            case Syscall.IrqBind b -> {
                if (b.vector() < Vectors.FIRST_DEVICE || b.vector() >= Vectors.LOCAL_TIMER) {
                    yield SyscallResult.error(Errno.EINVAL);
                }
                if (irqs.containsKey(b.vector())) yield SyscallResult.error(Errno.EBUSY);
                irqs.put(b.vector(), new IrqBinding(t.pid(), b.action()));
                yield SyscallResult.ok(0);
            }
            case Syscall.RingSetup r -> {
                long address = nextRing;
                nextRing += 4096;
                send(nodePort, new NodeRequest.RingCreate(address), ps(charge));
                yield SyscallResult.pair(process.open(new OpenFile.Ring(address, t, r.notification())), address);
            }
            case Syscall.RingSubmit r -> {
                if (!(process.files.get(r.fd()) instanceof OpenFile.Ring ring)) yield SyscallResult.error(Errno.EBADF);
                for (Syscall.RingOp op : r.ops()) submit(t, process, ring, op);
                yield SyscallResult.ok(r.ops().size());
            }
            case Syscall.Fence f -> {
                if (f.participants() < 1) yield SyscallResult.error(Errno.EINVAL);
                long generation = fenceGeneration.getOrDefault(t.pid(), 0L);
                block(t, new FenceWait(generation), false);
                arrive(t.pid(), generation, f.participants(), node);
                yield null;
            }
            case Syscall.SpawnThreads s -> {
                long request = nextRequest++;
                awaitingProcesses.put(request, t);
                block(t, new ProcessWait(request), false);
                apply(processManager.spawn(request, t.pid(), s.placements()));
                yield null;
            }
            case Syscall.KillThread k -> {
                long request = nextRequest++;
                awaitingProcesses.put(request, t);
                block(t, new ProcessWait(request), false);
                apply(processManager.kill(request, k.tid()));
                yield null;
            }
        };
    }

    private SyscallResult eventfdWrite(LocalProcess process, int fd, long value) {
        if (!(process.files.get(fd) instanceof OpenFile.EventFd file)) return SyscallResult.error(Errno.EBADF);
        charge = charge.plus(settings.eventfdWrite());
        eventfdAdd(file, value);
        return SyscallResult.ok(0);
    }

    private void eventfdAdd(OpenFile.EventFd file, long value) {
        file.count += value;
        KernelThread reader = file.readers.pollFirst();
        if (reader != null) {
            long count = file.count;
            file.count = 0;
            wake(reader, SyscallResult.ok(count), settings.eventfdRead());
            return;
        }
        OpenFile.PendingRead read = file.ringReaders.pollFirst();
        if (read != null) {
            long count = file.count;
            file.count = 0;
            charge = charge.plus(settings.eventfdRead());
            complete(read.ring(), read.userData(), count);
        }
    }

    private SyscallResult eventfdRead(KernelThread t, LocalProcess process, int fd, long deadline) {
        if (!(process.files.get(fd) instanceof OpenFile.EventFd file)) return SyscallResult.error(Errno.EBADF);
        if (file.count > 0) {
            long count = file.count;
            file.count = 0;
            charge = charge.plus(settings.eventfdRead());
            return SyscallResult.ok(count);
        }
        file.readers.addLast(t);
        block(t, new EventfdWait(file, deadline), true);
        return null;
    }

    private SyscallResult write(KernelThread t, LocalProcess process, Syscall.Write w) {
        if (!(process.files.get(w.fd()) instanceof OpenFile.ChannelEnd end) || end.out() == null) {
            return SyscallResult.error(Errno.EBADF);
        }
        ByteChannel channel = end.out();
        if (!channel.fits(w.length())) {
            channel.writers.addLast(t);
            block(t, new WriteWait(channel, w.length(), w.data()), true);
            return null;
        }
        charge = charge.plus(writeCost(channel, w.length()));
        channel.put(w.length(), w.data());
        feedReaders(channel);
        return SyscallResult.ok(w.length());
    }

    private SyscallResult read(KernelThread t, LocalProcess process, Syscall.Read r) {
        if (!(process.files.get(r.fd()) instanceof OpenFile.ChannelEnd end) || end.in() == null) {
            return SyscallResult.error(Errno.EBADF);
        }
        ByteChannel channel = end.in();
        if (channel.buffered() == 0) {
            channel.readers.addLast(t);
            block(t, new ReadWait(channel, r.maxLength()), true);
            return null;
        }
        ByteChannel.Taken taken = channel.take(r.maxLength());
        charge = charge.plus(readCost(channel, taken.length()));
        feedWriters(channel);
        return SyscallResult.read(taken.length(), taken.data());
    }

    private void feedReaders(ByteChannel channel) {
        while (channel.buffered() > 0 && !channel.readers.isEmpty()) {
            KernelThread reader = channel.readers.pollFirst();
            ReadWait wait = (ReadWait) reader.waitingOn;
            ByteChannel.Taken taken = channel.take(wait.maxLength());
            wake(reader, SyscallResult.read(taken.length(), taken.data()), readCost(channel, taken.length()));
        }
        while (channel.buffered() > 0 && !channel.ringReaders.isEmpty()) {
            OpenFile.PendingRead read = channel.ringReaders.pollFirst();
            ByteChannel.Taken taken = channel.take(read.maxLength());
            charge = charge.plus(readCost(channel, taken.length()));
            complete(read.ring(), read.userData(), taken.length());
        }
    }

    private void feedWriters(ByteChannel channel) {
        while (!channel.writers.isEmpty()) {
            KernelThread writer = channel.writers.peekFirst();
            WriteWait wait = (WriteWait) writer.waitingOn;
            if (!channel.fits(wait.length())) return;
            channel.writers.pollFirst();
            channel.put(wait.length(), wait.data());
            wake(writer, SyscallResult.ok(wait.length()), writeCost(channel, wait.length()));
            feedReaders(channel);
        }
    }

    private Cost writeCost(ByteChannel channel, long bytes) {
        Cost base = channel.kind == ByteChannel.Kind.PIPE ? settings.pipeWrite() : settings.unixSend();
        return base.plus(settings.copy(bytes));
    }

    private Cost readCost(ByteChannel channel, long bytes) {
        Cost base = channel.kind == ByteChannel.Kind.PIPE ? settings.pipeRead() : settings.unixReceive();
        return base.plus(settings.copy(bytes));
    }

    // ---- completion rings -------------------------------------------------------------------------

    private void submit(KernelThread t, LocalProcess process, OpenFile.Ring ring, Syscall.RingOp op) {
        charge = charge.plus(settings.ringSubmit());
        switch (op) {
            case Syscall.NopOp n -> complete(ring, n.userData(), 0);
            case Syscall.TimeoutOp o -> ringTimeouts.add(new RingTimeout(t.core(), now() + o.duration(), ring,
                    o.userData()));
            case Syscall.ReadOp r -> {
                switch (process.files.get(r.fd())) {
                    case OpenFile.ChannelEnd end when end.in() != null -> {
                        end.in().ringReaders.addLast(new OpenFile.PendingRead(ring, r.userData(), r.maxLength()));
                        feedReaders(end.in());
                    }
                    case OpenFile.EventFd file -> {
                        file.ringReaders.addLast(new OpenFile.PendingRead(ring, r.userData(), 8));
                        if (file.count > 0) eventfdAdd(file, 0);
                    }
                    case null, default -> complete(ring, r.userData(), -Errno.EBADF);
                }
            }
        }
    }

    /** Posts a completion to {@code ring}'s queue in node memory and notifies its owner as the ring asks. */
    private void complete(OpenFile.Ring ring, long userData, long result) {
        charge = charge.plus(settings.ringComplete());
        stats().counter("kernel.ring.completions").add(1);
        send(nodePort, new NodeRequest.CompletionPost(ring.address(), userData, result), ps(charge));
        switch (ring.notification()) {
            case Syscall.PollRing p -> {}
            case Syscall.EventfdRing e -> {
                LocalProcess p = processes.get(ring.owner().pid());
                if (p != null && p.files.get(e.fd()) instanceof OpenFile.EventFd file) {
                    charge = charge.plus(settings.eventfdWrite());
                    eventfdAdd(file, 1);
                }
            }
            case Syscall.UintrRing u -> {
                if (ring.owner().upid != 0) {
                    send(nodePort, new NodeRequest.UpidPost(ring.owner().upid, u.vector()), ps(charge));
                }
            }
        }
    }

    // ---- signals --------------------------------------------------------------------------------

    private SyscallResult signal(int tid, int signal, long value) {
        KernelThread target = threads.get(tid);
        if (target == null || !target.alive()) return SyscallResult.error(Errno.ESRCH);
        if (signal < 1 || signal > 63) return SyscallResult.error(Errno.EINVAL);
        charge = charge.plus(settings.signalSend());
        stats().counter("kernel.signals.sent").add(1);
        boolean handled = target.handlers.containsKey(signal);
        boolean masked = (target.signalMask & bit(signal)) != 0;
        if (!handled && (IGNORED_BY_DEFAULT & bit(signal)) != 0) return SyscallResult.ok(0);
        if (signal == SIGKILL || (!handled && !masked)) {
            terminate(target, 128 + signal);
            return SyscallResult.ok(0);
        }
        // handled, or blocked: pending until delivered (a blocked default action waits for its unblocking)
        target.pendingSignals.computeIfAbsent(signal, s -> new ArrayDeque<>()).addLast(value);
        if (masked) return SyscallResult.ok(0);
        interruptForSignal(target);
        return SyscallResult.ok(0);
    }

    /** A deliverable signal reaches {@code target}: wake it from an interruptible wait, or make its core enter. */
    private void interruptForSignal(KernelThread target) {
        switch (target.state) {
            case BLOCKED -> {
                if (target.interruptible) interruptWait(target);
            }
            case RUNNING -> {
                if (target.core() != handlingCore) kick(target.core(), true);
            }
            default -> {}
        }
    }

    /** A pending, no longer blocked signal whose default action terminates the thread; 0 if none. */
    private static int unblockedDefault(KernelThread t) {
        for (int signal : t.pendingSignals.keySet()) {
            if ((t.signalMask & bit(signal)) == 0 && !t.handlers.containsKey(signal)) return signal;
        }
        return 0;
    }

    private Optional<SignalDelivery> pickSignal(KernelThread t) {
        for (Map.Entry<Integer, Deque<Long>> e : t.pendingSignals.entrySet()) {
            int signal = e.getKey();
            if ((t.signalMask & bit(signal)) != 0 || !t.handlers.containsKey(signal)) continue;
            long value = e.getValue().pollFirst();
            if (e.getValue().isEmpty()) t.pendingSignals.remove(signal);
            long restore = t.maskAfterSuspend >= 0 ? t.maskAfterSuspend : t.signalMask;
            t.maskAfterSuspend = -1;
            t.savedMasks.push(restore);
            t.signalMask |= bit(signal);
            charge = charge.plus(settings.signalFrame());
            stats().counter("kernel.signals.delivered").add(1);
            return Optional.of(new SignalDelivery(signal, value, t.handlers.get(signal)));
        }
        if (t.maskAfterSuspend >= 0) {
            t.signalMask = t.maskAfterSuspend;
            t.maskAfterSuspend = -1;
        }
        return Optional.empty();
    }

    // ---- interrupts -----------------------------------------------------------------------------

    private void onTimer(int core) {
        CoreState cs = cores[core];
        for (KernelThread t : List.copyOf(threads.values())) {
            if (t.core() == core && t.waitingOn instanceof SleepWait s && s.deadline() <= now()) {
                wake(t, SyscallResult.ok(0), Cost.ZERO);
            }
            if (t.core() == core && t.waitingOn instanceof EventfdWait e && e.deadline() <= now()) {
                e.file().readers.remove(t);
                wake(t, SyscallResult.error(Errno.ETIMEDOUT), Cost.ZERO);
            }
        }
        for (RingTimeout r : List.copyOf(ringTimeouts)) {
            if (r.core() == core && r.deadline() <= now()) {
                ringTimeouts.remove(r);
                complete(r.ring(), r.userData(), 0);
            }
        }
        if (cs.sliceEnd != 0 && cs.sliceEnd <= now()) preempt = true;
    }

    private void onUintrWake(long upid) {
        KernelThread t = upidOwners.get(upid);
        if (t == null || t.state != State.BLOCKED) return;
        if (t.waitingOn instanceof UintrWaitState
                || (t.interruptible && (t.uintrFlags & Syscall.UINTR_HANDLER_FLAG_WAITING_ANY) != 0)) {
            stats().counter("kernel.uintr.wakeups").add(1);
            cancelWait(t);
            wake(t, SyscallResult.error(Errno.EINTR), settings.uintrWaitWake());
        }
    }

    private void onDeviceInterrupt(int vector) {
        IrqBinding binding = irqs.get(vector);
        if (binding == null) {
            stats().counter("kernel.interrupts.unbound").add(1);
            return;
        }
        switch (binding.action()) {
            case Syscall.SignalThread s -> signal(s.tid(), s.signal(), vector);
            case Syscall.SignalEventfd s -> {
                LocalProcess p = processes.get(binding.pid());
                if (p != null && p.files.get(s.fd()) instanceof OpenFile.EventFd file) {
                    charge = charge.plus(settings.eventfdWrite());
                    eventfdAdd(file, 1);
                }
            }
            case Syscall.PostUserVector u -> {
                KernelThread t = threads.get(u.tid());
                if (t != null && t.upid != 0) send(nodePort, new NodeRequest.UpidPost(t.upid, u.vector()), ps(charge));
            }
        }
    }

    // ---- scheduling -----------------------------------------------------------------------------

    private void block(KernelThread t, Wait wait, boolean interruptible) {
        t.state = State.BLOCKED;
        t.waitingOn = wait;
        t.interruptible = interruptible;
        CoreState cs = cores[t.core()];
        if (cs.current == t) cs.current = null;
        if (t.upid != 0) {
            boolean wakeOnUintr = wait instanceof UintrWaitState
                    || (interruptible && (t.uintrFlags & Syscall.UINTR_HANDLER_FLAG_WAITING_ANY) != 0);
            send(nodePort, wakeOnUintr ? new NodeRequest.UpidWait(t.upid) : new NodeRequest.UpidSuppress(t.upid),
                    ps(charge));
        }
        if (interruptible && hasDeliverableSignal(t)) interruptWait(t);
    }

    private boolean hasDeliverableSignal(KernelThread t) {
        for (int signal : t.pendingSignals.keySet()) {
            if ((t.signalMask & bit(signal)) == 0 && t.handlers.containsKey(signal)) return true;
        }
        return false;
    }

    private void interruptWait(KernelThread t) {
        cancelWait(t);
        wake(t, SyscallResult.error(Errno.EINTR), Cost.ZERO);
    }

    /** Removes a blocked thread from whatever queue its wait put it in. */
    private void cancelWait(KernelThread t) {
        switch (t.waitingOn) {
            case ReadWait r -> r.channel().readers.remove(t);
            case WriteWait w -> w.channel().writers.remove(t);
            case EventfdWait e -> e.file().readers.remove(t);
            case ProcessWait p -> awaitingProcesses.remove(p.request());
            case null, default -> {}
        }
        t.waitingOn = null;
    }

    private void wake(KernelThread t, SyscallResult result, Cost completion) {
        t.waitingOn = null;
        t.pendingResult = result;
        t.pendingWork = completion;
        makeRunnable(t);
        CoreState cs = cores[t.core()];
        if (settings.wakeupPreemption() && cs.current != null && cs.current != t) {
            if (t.core() == handlingCore) {
                preempt = true;
            } else {
                cs.wakeupPending = true;
                kick(t.core(), true);
            }
        }
    }

    private void makeRunnable(KernelThread t) {
        t.state = State.RUNNABLE;
        CoreState cs = cores[t.core()];
        cs.runQueue.addLast(t);
        if (handlingCore >= 0) charge = charge.plus(settings.wakeup());
        kick(t.core(), false);
    }

    /**
     * Makes core {@code core} enter the kernel to schedule: an IPI unless it is the core being
     * handled, or it already has one coming, or (unless {@code always}) its slice timer will do.
     */
    private void kick(int core, boolean always) {
        if (core == handlingCore) return;
        CoreState cs = cores[core];
        if (cs.ipiPending) return;
        if (!always && cs.current != null && cs.sliceEnd != 0) return;
        cs.ipiPending = true;
        long delay = ps(charge);
        if (handlingCore >= 0) charge = charge.plus(settings.ipiSend());
        send(nodePort, new NodeRequest.SendIpi(core, Vectors.RESCHEDULE), delay);
    }

    /** Ends thread {@code t}: now if it is not running elsewhere, else when its core next enters. */
    private void terminate(KernelThread t, int code) {
        if (!t.alive()) return;
        if (t.state == State.RUNNING && t.core() != handlingCore) {
            t.killRequested = true;
            t.exitCode = code;
            kick(t.core(), true);
            return;
        }
        finish(t, code);
    }

    private void finish(KernelThread t, int code) {
        if (t.state == State.BLOCKED) cancelWait(t);
        CoreState cs = cores[t.core()];
        cs.runQueue.remove(t);
        if (cs.current == t) cs.current = null;
        t.state = State.DEAD;
        t.killRequested = false;
        freeUpid(t);
        stats().counter("kernel.threads.ended").add(1);
        // a thread the process manager stopped (kill, process end) is already forgotten there
        if (processManager.pidOf(t.tid()).isPresent()) apply(processManager.exit(t.tid(), code));
    }

    private void freeUpid(KernelThread t) {
        if (t.upid == 0) return;
        upidOwners.remove(t.upid);
        send(nodePort, new NodeRequest.UpidFree(t.upid), handlingCore >= 0 ? ps(charge) : 0);
        t.upid = 0;
        t.uintrHandler = null;
    }

    // ---- processes ------------------------------------------------------------------------------

    private void onRpc(KernelRpc rpc) {
        handlingCore = -1; // served by a housekeeping thread: no core entry, nothing charged
        charge = Cost.ZERO;
        switch (rpc.getBodyCase()) {
            case FENCE_ARRIVE -> arrive(rpc.getFenceArrive().getPid(), rpc.getFenceArrive().getGeneration(),
                    rpc.getFenceArrive().getParticipants(), rpc.getFromNode());
            case FENCE_RELEASE -> release(rpc.getFenceRelease().getPid(), rpc.getFenceRelease().getGeneration());
            default -> apply(processManager.onRpc(rpc));
        }
    }

    /** One arrival at fence {@code generation} of {@code pid}, from a thread on node {@code from}. */
    private void arrive(int pid, long generation, int participants, int from) {
        int owner = org.bxiemu.kernel.process.Pid.ownerNode(pid);
        if (owner != node) {
            if (from == node) {
                sendTo(rpcPort, owner, KernelRpc.newBuilder().setFromNode(node).setFenceArrive(
                        org.bxiemu.protocol.kernel.FenceArrive.newBuilder().setPid(pid).setGeneration(generation)
                                .setParticipants(participants)).build(), settings.rpcHandling().on(frequency));
            }
            return;
        }
        String key = pid + "/" + generation;
        fenceArrivals.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(from);
        int count = fenceCounts.merge(key, 1, Integer::sum);
        if (count < participants) return;
        stats().counter("kernel.fences").add(1);
        for (int n : fenceArrivals.remove(key)) {
            if (n == node) {
                release(pid, generation);
            } else {
                sendTo(rpcPort, n, KernelRpc.newBuilder().setFromNode(node).setFenceRelease(
                        org.bxiemu.protocol.kernel.FenceRelease.newBuilder().setPid(pid).setGeneration(generation))
                        .build(), settings.rpcHandling().on(frequency));
            }
        }
        fenceCounts.remove(key);
    }

    private void release(int pid, long generation) {
        fenceGeneration.put(pid, generation + 1);
        for (KernelThread t : List.copyOf(threads.values())) {
            if (t.pid() == pid && t.state == State.BLOCKED && t.waitingOn instanceof FenceWait f
                    && f.generation() == generation) {
                wake(t, SyscallResult.ok(0), Cost.ZERO);
            }
        }
    }

    private void apply(List<ProcessEffect> effects) {
        for (ProcessEffect effect : effects) {
            switch (effect) {
                case ProcessEffect.SendRpc s -> sendTo(rpcPort, s.toNode(), s.rpc(), settings.rpcHandling().on(frequency));
                case ProcessEffect.StartThread s -> startThread(s.pid(), s.tid(), s.spec());
                case ProcessEffect.StopThread s -> {
                    KernelThread t = threads.get(s.tid());
                    if (t != null && t.alive()) terminate(t, 128 + SIGKILL);
                }
                case ProcessEffect.Completed c -> {
                    KernelThread caller = awaitingProcesses.remove(c.requestId());
                    if (caller != null && caller.state == State.BLOCKED) {
                        wake(caller, !c.outcome().isOk() ? SyscallResult.error(Errno.ESRCH)
                                : SyscallResult.ok(c.outcome().tids().size()), Cost.ZERO);
                    }
                }
                case ProcessEffect.ProcessEnded p -> {
                    processes.remove(p.pid());
                    stats().counter("kernel.processes.ended").add(1);
                    // when the job ended: the run's virtual time may go on with stale timers
                    stats().counter("kernel.process." + org.bxiemu.kernel.process.Pid.format(p.pid()) + ".end-ps").add(now());
                }
                case ProcessEffect.CopyRemoved c -> processes.remove(c.pid());
            }
        }
    }

    private void startThread(int pid, int tid, ThreadSpec spec) {
        processes.computeIfAbsent(pid, LocalProcess::new);
        int core = spec.core() >= 0 ? spec.core() : leastLoadedCore();
        if (core >= cores.length) {
            throw new org.bxiemu.engine.BadInputException("thread " + Tid.format(tid) + " of program '" + spec.program()
                    + "' is pinned to core " + core + " but node " + node + " has " + cores.length + " cores");
        }
        KernelThread t = new KernelThread(tid, pid, core, programs.create(tid, pid, spec));
        t.program = spec.program();
        threads.put(tid, t);
        stats().counter("kernel.threads.started").add(1);
        makeRunnable(t);
    }

    private int leastLoadedCore() {
        int best = 0;
        long bestLoad = Long.MAX_VALUE;
        for (int i = 0; i < cores.length; i++) {
            final int core = i;
            long load = threads.values().stream().filter(t -> t.alive() && t.core() == core).count();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private long ps(Cost cost) {
        return cost.on(frequency);
    }

    private static long bit(int signal) {
        return 1L << signal;
    }

    @Override
    protected void onFinish() {
        stats().counter("kernel.threads.alive").add(threads.values().stream().filter(KernelThread::alive).count());
        for (KernelThread t : threads.values()) {
            // who was still there when the run ended (a job that never finished names them)
            if (t.alive()) stats().counter(ALIVE_AT_END + Tid.format(t.tid()) + "." + t.program).add(1);
        }
        for (KernelThread t : threads.values()) t.user().close();
    }
}
