package org.bxiemu.node;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.kernel.NodeRequest;
import org.bxiemu.kernel.Vectors;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.Atomics;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.node.uintr.UittEntry;
import org.bxiemu.node.uintr.Upid;
import org.bxiemu.node.user.Completion;
import org.bxiemu.node.user.Step;
import org.bxiemu.protocol.nic.MsiInterrupt;
import org.bxiemu.protocol.nic.UserInterruptPost;

/**
 * The memory and APIC hub of one machine. It owns the memory objects several parties touch —
 * UPIDs and UITTs (updated atomically by senders, receivers, the kernel and devices), shared
 * memory words that cores poll — and carries IPIs between cores. A core watching a word hears of
 * the change it waits for after a cache-line transfer (its link, plus the socket crossing when the
 * writer sits on the other socket): polling costs one event when the wait ends, not one per loop
 * iteration or per change that does not end it.
 */
public final class Node extends Component {
    private final NodeSettings settings;
    private final TreeMap<Long, Upid> upids = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<Integer, UittEntry>> uitts = new TreeMap<>();
    // looked up by address, never iterated: hash maps keep results independent of their order;
    // a word never stored reads 0 (the map's default)
    private final Long2LongOpenHashMap words = new Long2LongOpenHashMap();
    /** By address, the cores watching it (notified in core order) and what each waits for. */
    private final Long2ObjectOpenHashMap<TreeMap<Integer, java.util.function.LongPredicate>> watchers =
            new Long2ObjectOpenHashMap<>();
    /** By core, the words of its watch (null when it watches none): all go when one fires. */
    private List<Step.WordCondition>[] watchOf;
    /** Completion-ring queues by address; the word at the same address is the ring's tail. */
    private final TreeMap<Long, ArrayDeque<Completion>> rings = new TreeMap<>();
    private final TreeMap<QueueKey, ArrayDeque<Event>> eventQueues = new TreeMap<>();
    private final HostMemory memory = new HostMemory();

    private record QueueKey(int pid, int eq) implements Comparable<QueueKey> {
        @Override
        public int compareTo(QueueKey o) {
            return pid != o.pid ? Integer.compare(pid, o.pid) : Integer.compare(eq, o.eq);
        }
    }
    private Port[] cores;

    private Node(NodeSettings settings) {
        this.settings = settings;
    }

    public static Node create(NodeSettings settings) {
        return new Node(settings);
    }

    public static String corePort(int core) {
        return "core" + core;
    }

    /** It holds code: the conditions its watches wait for (a checkpoint logs its group's inputs). */
    @Override
    protected boolean holdsCode() {
        return true;
    }

    @Override
    protected void onStart() {
        cores = new Port[settings.cores()];
        for (int i = 0; i < cores.length; i++) cores[i] = port(corePort(i));
        @SuppressWarnings("unchecked")
        List<Step.WordCondition>[] none = new List[cores.length];
        watchOf = none;
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case CoreRequest r -> onCoreRequest(r);
            case NodeRequest r -> onKernelRequest(r);
            case MsiInterrupt m -> onMsi(m);
            case UserInterruptPost p -> onDevicePost(p);
            case HostMessage h -> onNic(h);
            default -> throw new IllegalStateException(id() + ": unexpected " + message);
        }
    }

    // ---- cores ---------------------------------------------------------------------------------

    private void onCoreRequest(CoreRequest request) {
        switch (request) {
            case CoreRequest.SendUipi s -> onSendUipi(s);
            case CoreRequest.Recognize r -> onRecognize(r);
            case CoreRequest.Store s -> onStore(s);
            case CoreRequest.Watch w -> onWatch(w);
            case CoreRequest.Unwatch u -> onUnwatch(u);
            case CoreRequest.LoadAny l -> onLoadAny(l);
            case CoreRequest.Repost r -> post(r.upid(), r.vector(), r.core());
            case CoreRequest.Reap r -> onReap(r);
            case CoreRequest.Atomic a -> {
                long old = words.get(a.address());
                long updated = switch (a.kind()) {
                    case COMPARE_AND_SWAP -> old == a.expected() ? a.operand() : old;
                    case FETCH_AND_ADD -> old + a.operand();
                    case SWAP -> a.operand();
                };
                send(cores[a.core()], new CoreSignal.AtomicDone(a.address(), old));
                if (updated != old) onStore(new CoreRequest.Store(a.address(), updated, a.core()));
            }
            case CoreRequest.Doorbell d -> send(nicPort(), new HostMessage.Doorbell(d.pid(), d.completionWord(), d.request()));
            case CoreRequest.TakeEvents t -> {
                ArrayDeque<Event> queue = eventQueues.get(new QueueKey(t.pid(), t.eq().value()));
                List<Event> taken = new ArrayList<>();
                while (queue != null && !queue.isEmpty() && taken.size() < t.max()) taken.add(queue.pollFirst());
                send(cores[t.core()], new CoreSignal.EventsTaken(taken));
            }
            case CoreRequest.WriteMemory w -> memory.write(w.address(), w.data());
            case CoreRequest.FreeMemory f -> memory.free(f.address(), f.length());
            case CoreRequest.ReadMemory r -> send(cores[r.core()], new CoreSignal.MemoryRead(r.address(), r.length(),
                    memory.read(r.address(), r.length())));
        }
    }

    private void onSendUipi(CoreRequest.SendUipi s) {
        TreeMap<Integer, UittEntry> uitt = uitts.get(s.uitt());
        UittEntry entry = uitt == null ? null : uitt.get(s.index());
        if (entry == null) {
            stats().counter("node.uintr.faults").add(1);
            send(cores[s.core()], new CoreSignal.UipiDone(true));
            return;
        }
        stats().counter("node.uintr.senduipi").add(1);
        post(entry.upid(), entry.vector(), s.core());
        send(cores[s.core()], new CoreSignal.UipiDone(false));
    }

    /** An atomic post of {@code vector}; the notification IPI leaves only if ON and SN were clear. */
    private void post(long address, int vector, int fromCore) {
        Upid upid = upids.get(address);
        if (upid == null) {
            stats().counter("node.uintr.posts-to-freed-upid").add(1);
            return;
        }
        if (upid.post(vector)) {
            stats().counter("node.uintr.notifications").add(1);
            ipi(upid.ndst(), upid.nv(), address, fromCore);
        } else {
            stats().counter("node.uintr.coalesced-or-suppressed").add(1);
        }
    }

    private void onRecognize(CoreRequest.Recognize r) {
        Upid upid = upids.get(r.upid());
        send(cores[r.core()], new CoreSignal.PirBits(r.upid(), upid == null ? 0 : upid.recognize()));
    }

    private void onStore(CoreRequest.Store s) {
        words.put(s.address(), s.value());
        TreeMap<Integer, java.util.function.LongPredicate> watching = watchers.get(s.address());
        if (watching == null) return;
        int[] fired = null;
        int count = 0;
        for (var w : watching.entrySet()) {
            if (!w.getValue().test(s.value())) continue;
            int core = w.getKey();
            send(cores[core], new CoreSignal.WordValue(s.address(), s.value()), socketCrossing(s.core(), core));
            if (fired == null) fired = new int[watching.size()];
            fired[count++] = core;
        }
        for (int i = 0; i < count; i++) forgetWatch(fired[i]);
    }

    private void onReap(CoreRequest.Reap r) {
        ArrayDeque<Completion> queue = rings.get(r.address());
        List<Completion> taken = new ArrayList<>();
        while (queue != null && !queue.isEmpty() && taken.size() < r.max()) taken.add(queue.pollFirst());
        send(cores[r.core()], new CoreSignal.Reaped(r.address(), taken));
    }

    private void onWatch(CoreRequest.Watch w) {
        forgetWatch(w.core());
        int met = firstMet(w.words());
        if (met < w.words().size()) {
            long address = w.words().get(met).address();
            send(cores[w.core()], new CoreSignal.WordValue(address, words.get(address)));
            return;
        }
        for (Step.WordCondition c : w.words()) {
            // one address watched for two conditions (a wait on several words) wakes on either
            watchers.computeIfAbsent(c.address(), a -> new TreeMap<>()).merge(w.core(), c.until(), (x, y) -> x.or(y));
        }
        watchOf[w.core()] = w.words();
    }

    /** Drops every word of {@code core}'s watch, if it has one. */
    private void forgetWatch(int core) {
        List<Step.WordCondition> watched = watchOf[core];
        if (watched == null) return;
        watchOf[core] = null;
        for (Step.WordCondition c : watched) {
            TreeMap<Integer, java.util.function.LongPredicate> watching = watchers.get(c.address());
            if (watching == null) continue;
            watching.remove(core);
            if (watching.isEmpty()) watchers.remove(c.address());
        }
    }

    private void onLoadAny(CoreRequest.LoadAny l) {
        send(cores[l.core()], new CoreSignal.LoadedAny(l.request(), firstMet(l.words())));
    }

    /** The index of the first of {@code conditions} its word meets now, or their count if none. */
    private int firstMet(List<Step.WordCondition> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            Step.WordCondition c = conditions.get(i);
            if (c.until().test(words.get(c.address()))) return i;
        }
        return conditions.size();
    }

    private void onUnwatch(CoreRequest.Unwatch u) {
        forgetWatch(u.core());
    }

    // ---- kernel --------------------------------------------------------------------------------

    private void onKernelRequest(NodeRequest request) {
        switch (request) {
            case NodeRequest.UpidCreate c -> upids.put(c.address(), new Upid(c.nv(), c.ndst()));
            case NodeRequest.UpidFree f -> upids.remove(f.address());
            case NodeRequest.UpidSuppress s -> withUpid(s.address()).suppress();
            case NodeRequest.UpidResume r -> {
                if (withUpid(r.address()).resume(Vectors.UINTR_NOTIFICATION, r.core())) {
                    // the kernel's self-IPI on switch-in: pending posts get recognised on return to user
                    send(cores[r.core()], new CoreSignal.Ipi(Vectors.UINTR_NOTIFICATION, r.address()));
                }
            }
            case NodeRequest.UpidWait w -> {
                Upid upid = withUpid(w.address());
                upid.waitWith(Vectors.UINTR_KERNEL_WAIT);
                if (upid.pir() != 0) {
                    // posted while the receiver was on its way to sleep: wake it at once
                    send(cores[upid.ndst()], new CoreSignal.Ipi(Vectors.UINTR_KERNEL_WAIT, w.address()));
                }
            }
            case NodeRequest.UittSet s -> uitts.computeIfAbsent(s.uitt(), u -> new TreeMap<>())
                    .put(s.index(), new UittEntry(s.vector(), s.upid()));
            case NodeRequest.UittClear c -> {
                TreeMap<Integer, UittEntry> uitt = uitts.get(c.uitt());
                if (uitt != null) uitt.remove(c.index());
            }
            case NodeRequest.UpidPost p -> post(p.address(), p.vector(), -1);
            case NodeRequest.SendIpi s -> ipi(s.core(), s.vector(), 0, -1);
            case NodeRequest.RingCreate c -> rings.put(c.address(), new ArrayDeque<>());
            case NodeRequest.CompletionPost p -> {
                rings.get(p.address()).addLast(new Completion(p.userData(), p.result()));
                onStore(new CoreRequest.Store(p.address(), words.get(p.address()) + 1, -1));
            }
        }
    }

    private Upid withUpid(long address) {
        Upid upid = upids.get(address);
        if (upid == null) throw new IllegalStateException(id() + ": no UPID at 0x" + Long.toHexString(address));
        return upid;
    }

    // ---- devices -------------------------------------------------------------------------------

    private void onMsi(MsiInterrupt m) {
        stats().counter("node.msi").add(1);
        send(cores[m.getCore()], new CoreSignal.Ipi(m.getVector(), 0));
    }

    /**
     * A device posts a user vector. With xUI forwarding, a vector for a thread running on its
     * destination core (SN clear) goes to that core without touching the UPID; otherwise it is
     * posted like SENDUIPI and the OS path handles it.
     */
    private void onDevicePost(UserInterruptPost p) {
        Upid upid = upids.get(p.getUpidAddress());
        if (settings.deviceForwarding() && upid != null && !upid.sn() && upid.nv() == Vectors.UINTR_NOTIFICATION) {
            stats().counter("node.uintr.forwarded").add(1);
            send(cores[upid.ndst()], new CoreSignal.Forwarded(p.getUpidAddress(), p.getUserVector()));
            return;
        }
        post(p.getUpidAddress(), p.getUserVector(), -1);
    }

    /**
     * The NIC's side of host memory: command completions set the doorbell's completion word, DMA
     * reads and writes touch the memory's real bytes, events land in their queue (whose tail word
     * counts them), counters in their word.
     */
    private void onNic(HostMessage message) {
        switch (message) {
            case HostMessage.CommandDone d -> onStore(new CoreRequest.Store(d.tag(),
                    d.handle().isPresent() ? d.handle().getAsInt() + 1L : 1L, -1));
            case HostMessage.DmaRead r -> send(nicPort(), new HostMessage.DmaData(r.tag(), r.length(),
                    memory.read(r.address(), r.length())));
            case HostMessage.DmaWrite w -> {
                if (w.data().length == w.length()) memory.write(w.address(), w.data());
            }
            case HostMessage.DmaAtomic a -> {
                int length = a.operand().length;
                byte[] old = memory.read(a.address(), length);
                if (old.length != length) old = new byte[length]; // modelled memory reads as zeros
                byte[] compare = Arrays.copyOf(ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN).putLong(a.compare()).array(), length);
                memory.write(a.address(), Atomics.apply(a.op(), a.type(), old, a.operand(), compare));
                send(nicPort(), new HostMessage.DmaData(a.tag(), length, old));
            }
            case HostMessage.EventWrite e -> {
                QueueKey key = new QueueKey(e.pid(), e.eq().value());
                eventQueues.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(e.event());
                long word = eventQueueWord(e.pid(), e.eq().value());
                onStore(new CoreRequest.Store(word, words.get(word) + 1, -1));
            }
            case HostMessage.CounterWrite c -> onStore(new CoreRequest.Store(counterWord(c.pid(), c.ct().value()),
                    c.value().success(), -1));
            case HostMessage.Doorbell d -> throw new IllegalStateException(id() + ": a doorbell from the NIC");
            case HostMessage.DmaData d -> throw new IllegalStateException(id() + ": DMA data from the NIC");
        }
    }

    /** The word counting the events written to event queue {@code eq} of process {@code pid} (poll it). */
    public static long eventQueueWord(int pid, int eq) {
        return 0x6000_0000_0000_0000L | ((long) pid << 17) | ((long) eq << 1);
    }

    /** The word holding the success count of counter {@code ct} of process {@code pid}. */
    public static long counterWord(int pid, int ct) {
        return 0x6000_0000_0000_0000L | ((long) pid << 17) | ((long) ct << 1) | 1;
    }

    private Port nicPort() {
        return port("nic");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void ipi(int core, int vector, long sourceUpid, int fromCore) {
        send(cores[core], new CoreSignal.Ipi(vector, sourceUpid), settings.ipiLatency() + socketCrossing(fromCore, core));
    }

    private long socketCrossing(int from, int to) {
        if (from < 0 || settings.socketOf(from) == settings.socketOf(to)) return 0;
        return settings.remoteSocketExtra();
    }
}
