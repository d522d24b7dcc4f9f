package org.bxiemu.kernel.process;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bxiemu.kernel.process.ProcessEffect.Completed;
import org.bxiemu.kernel.process.ProcessEffect.CopyRemoved;
import org.bxiemu.kernel.process.ProcessEffect.ProcessEnded;
import org.bxiemu.kernel.process.ProcessEffect.SendRpc;
import org.bxiemu.kernel.process.ProcessEffect.StartThread;
import org.bxiemu.kernel.process.ProcessEffect.StopThread;
import org.bxiemu.protocol.kernel.CreateThreads;
import org.bxiemu.protocol.kernel.CreateThreadsReply;
import org.bxiemu.protocol.kernel.DestroyCopy;
import org.bxiemu.protocol.kernel.DestroyCopyReply;
import org.bxiemu.protocol.kernel.KernelRpc;
import org.bxiemu.protocol.kernel.KillThread;
import org.bxiemu.protocol.kernel.KillThreadReply;
import org.bxiemu.protocol.kernel.ThreadExited;
import org.bxiemu.protocol.kernel.ThreadSpecMsg;

/**
 * The processes of one node's kernel: reference descriptors of the processes this node owns,
 * copies of the others' it hosts threads of, and the kernel-to-kernel protocol that keeps them
 * consistent. Pure logic: every operation returns the {@link ProcessEffect}s the Kernel actor
 * must carry out, in order; nothing here does I/O or reads a clock, and every collection is
 * sorted, so the same calls give the same effects.
 *
 * <p>Assumes kernel-to-kernel messages between two given nodes arrive in the order they were
 * sent (the one exception it tolerates: a {@code ThreadExited} overtaking the reply that
 * created the thread).
 */
public final class ProcessManager {
    /** Exit code of a killed thread or process: 128 + SIGKILL. */
    public static final int KILLED_EXIT_CODE = 128 + 9;

    private final int self;
    private int nextPidIndex = 1;
    private int nextTidIndex = 1;
    private long rpcCounter;
    private final TreeMap<Integer, Descriptor> descriptors = new TreeMap<>();
    private final TreeMap<Integer, Integer> pidOfLocalThread = new TreeMap<>();
    private final TreeMap<Long, Pending> pending = new TreeMap<>();

    public ProcessManager(int self) {
        if (self < 0 || self > Ids.MAX_NODE) {
            throw new IllegalArgumentException("node " + self + " out of 0.." + Ids.MAX_NODE);
        }
        this.self = self;
    }

    /** The node this manager runs on. */
    public int self() {
        return self;
    }

    // ------------------------------------------------------------------ local callers

    /** A new process owned by this node, without threads yet; returns its pid. */
    public int createProcess(String name) {
        for (int tries = 0; tries < Ids.MAX_INDEX; tries++) {
            int index = nextPidIndex;
            nextPidIndex = index == Ids.MAX_INDEX ? 1 : index + 1;
            int pid = Pid.of(self, index);
            if (!descriptors.containsKey(pid)) {
                descriptors.put(pid, new Descriptor(pid, name, self, true));
                return pid;
            }
        }
        throw new IllegalStateException("node " + self + " owns " + Ids.MAX_INDEX + " processes");
    }

    /**
     * Creates one thread per placement: at the owner of {@code pid} anywhere (the MPI launcher spawns
     * from there). Threads placed here start at once; those placed elsewhere are created by one
     * {@code CreateThreads} request per remote node (a simple RPC when one node is concerned, a
     * parallel one otherwise), and {@code Completed} comes with the last reply, tids in placement
     * order. At a node holding a copy of {@code pid}, threads on this node only (see
     * {@code spawnAtCopy}).
     *
     * @throws IllegalArgumentException if this node neither owns nor holds a copy of {@code pid}
     */
    public List<ProcessEffect> spawn(long requestId, int pid, List<Placement> placements) {
        if (Pid.ownerNode(pid) != self) return spawnAtCopy(requestId, pid, placements);
        Descriptor ref = reference(pid, "spawn");
        List<ProcessEffect> out = new ArrayList<>();
        if (ref.ending) {
            out.add(new Completed(requestId, Outcome.failed("process " + Pid.format(pid) + " is ending")));
            return out;
        }
        long local = placements.stream().filter(p -> p.node() == self).count();
        if (local > freeThreadIds()) {
            out.add(new Completed(requestId, Outcome.failed("no free thread id on node " + self)));
            return out;
        }
        int[] tids = new int[placements.size()];
        TreeMap<Integer, List<Integer>> remote = new TreeMap<>();
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            if (p.node() == self) {
                int tid = allocateThread(ref);
                ref.live.computeIfAbsent(self, n -> new TreeSet<>()).add(tid);
                ref.hadThreads = true;
                tids[i] = tid;
                out.add(new StartThread(pid, tid, p.spec()));
            } else {
                remote.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(i);
            }
        }
        if (remote.isEmpty()) {
            out.add(new Completed(requestId, Outcome.ok(asList(tids))));
            return out;
        }
        SpawnCall call = new SpawnCall(requestId, pid, tids, remote);
        for (var e : remote.entrySet()) {
            int node = e.getKey();
            CreateThreads.Builder req =
                    CreateThreads.newBuilder().setPid(pid).setProcessName(ref.name);
            for (int i : e.getValue()) {
                req.addSpecs(toWire(placements.get(i).spec()));
            }
            long rpcId = nextRpcId();
            pending.put(rpcId, new SpawnPart(call, node));
            ref.spawnsInFlight.merge(node, 1, Integer::sum);
            out.add(new SendRpc(node, rpc(rpcId).setCreateThreads(req).build()));
        }
        return out;
    }

    /**
     * Local thread {@code tid} ends itself with {@code code}. The owner is told (directly or by a
     * {@code ThreadExited}); when no thread of the process is left anywhere, the owner destroys
     * every copy and then reports {@code ProcessEnded}. A copy left without threads stays until
     * then.
     *
     * @throws IllegalArgumentException if {@code tid} is not a live thread of this node
     */
    public List<ProcessEffect> exit(int tid, int code) {
        Integer pid = pidOfLocalThread.get(tid);
        if (pid == null) {
            throw new IllegalArgumentException(noThread(tid));
        }
        List<ProcessEffect> out = new ArrayList<>();
        localThreadGone(pid, tid, code, out);
        return out;
    }

    /**
     * Kills thread {@code tid} wherever it runs (its node is in the tid), with exit code {@link
     * #KILLED_EXIT_CODE}: {@code StopThread} on the hosting node, the owner told as for {@link
     * #exit}, then {@code Completed} here (an error outcome if there is no such thread).
     */
    public List<ProcessEffect> kill(long requestId, int tid) {
        int host = Tid.node(tid);
        List<ProcessEffect> out = new ArrayList<>();
        if (host == self) {
            String error = stopLocalThread(tid, KILLED_EXIT_CODE, out);
            out.add(new Completed(requestId, error == null ? Outcome.ok(List.of()) : Outcome.failed(error)));
            return out;
        }
        long rpcId = nextRpcId();
        pending.put(rpcId, new KillCall(requestId));
        KillThread req = KillThread.newBuilder().setTid(tid).setExitCode(KILLED_EXIT_CODE).build();
        out.add(new SendRpc(host, rpc(rpcId).setKillThread(req).build()));
        return out;
    }

    /**
     * Kills every thread of {@code pid}, from its owner: the owner stops its own threads, every
     * copy node (one request each, in parallel) stops its threads and drops its copy; when all
     * have replied, {@code ProcessEnded} (exit code {@link #KILLED_EXIT_CODE}) and {@code
     * Completed}. On a process already ending, {@code Completed} comes when it has ended.
     *
     * @throws IllegalArgumentException if this node does not own {@code pid}
     */
    public List<ProcessEffect> killProcess(long requestId, int pid) {
        Descriptor ref = reference(pid, "killProcess");
        List<ProcessEffect> out = new ArrayList<>();
        ref.waiters.add(requestId);
        if (!ref.ending) {
            beginEnd(ref, KILLED_EXIT_CODE, out);
        }
        return out;
    }

    // ------------------------------------------------------------------ other kernels

    /** A request or reply from another kernel. */
    public List<ProcessEffect> onRpc(KernelRpc rpc) {
        List<ProcessEffect> out = new ArrayList<>();
        switch (rpc.getBodyCase()) {
            case CREATE_THREADS -> onCreateThreads(rpc, out);
            case CREATE_THREADS_REPLY -> onCreateThreadsReply(rpc, out);
            case KILL_THREAD -> onKillThread(rpc, out);
            case KILL_THREAD_REPLY -> onKillThreadReply(rpc, out);
            case THREAD_EXITED -> onThreadExited(rpc, out);
            case DESTROY_COPY -> onDestroyCopy(rpc, out);
            case DESTROY_COPY_REPLY -> onDestroyCopyReply(rpc, out);
            case THREADS_STARTED -> onThreadsStarted(rpc);
            case FENCE_ARRIVE, FENCE_RELEASE -> throw new IllegalArgumentException("fences are the kernel's: " + rpc);
            case BODY_NOT_SET -> throw new IllegalArgumentException("kernel rpc without body: " + rpc);
        }
        return out;
    }

    // ------------------------------------------------------------------ queries

    /** This node's descriptor of {@code pid} (reference or copy), if it has one. */
    public Optional<ProcessDescriptor> descriptor(int pid) {
        return Optional.ofNullable(descriptors.get(pid)).map(Descriptor::snapshot);
    }

    /** The processes this node has a descriptor of. */
    public SortedSet<Integer> processes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(descriptors.keySet()));
    }

    /** The process of live local thread {@code tid}. */
    public OptionalInt pidOf(int tid) {
        Integer pid = pidOfLocalThread.get(tid);
        return pid == null ? OptionalInt.empty() : OptionalInt.of(pid);
    }

    // ------------------------------------------------------------------ handlers

    /**
     * A thread of a process this node holds a copy of spawns threads here (not across nodes: that
     * is the owner's): they start at once, and the owner learns of them by a one-way RPC.
     */
    private List<ProcessEffect> spawnAtCopy(long requestId, int pid, List<Placement> placements) {
        List<ProcessEffect> out = new ArrayList<>();
        Descriptor copy = descriptors.get(pid);
        if (copy == null || copy.reference) {
            throw new IllegalArgumentException("spawn: node " + self + " holds no copy of process " + Pid.format(pid));
        }
        if (placements.stream().anyMatch(p -> p.node() != self)) {
            out.add(new Completed(requestId, Outcome.failed("a copy of process " + Pid.format(pid)
                    + " spawns threads on its own node " + self + " only")));
            return out;
        }
        if (placements.size() > freeThreadIds()) {
            out.add(new Completed(requestId, Outcome.failed("no free thread id on node " + self)));
            return out;
        }
        List<Integer> tids = new ArrayList<>();
        org.bxiemu.protocol.kernel.ThreadsStarted.Builder started =
                org.bxiemu.protocol.kernel.ThreadsStarted.newBuilder().setPid(pid);
        for (Placement p : placements) {
            int tid = allocateThread(copy);
            tids.add(tid);
            started.addTids(tid);
            out.add(new StartThread(pid, tid, p.spec()));
        }
        out.add(new SendRpc(copy.owner, rpc(nextRpcId()).setThreadsStarted(started).build()));
        out.add(new Completed(requestId, Outcome.ok(tids)));
        return out;
    }

    private void onThreadsStarted(KernelRpc rpc) {
        Descriptor ref = descriptors.get(rpc.getThreadsStarted().getPid());
        if (ref == null || !ref.reference || ref.ending) return;
        for (int tid : rpc.getThreadsStarted().getTidsList()) {
            ref.hadThreads = true;
            if (!ref.earlyExits.remove(tid)) ref.live.computeIfAbsent(rpc.getFromNode(), n -> new TreeSet<>()).add(tid);
        }
    }

    private void onCreateThreads(KernelRpc rpc, List<ProcessEffect> out) {
        CreateThreads req = rpc.getCreateThreads();
        int pid = req.getPid();
        int from = rpc.getFromNode();
        Descriptor copy = descriptors.get(pid);
        CreateThreadsReply.Builder reply = CreateThreadsReply.newBuilder().setPid(pid);
        if (Pid.ownerNode(pid) != from || (copy != null && copy.reference)) {
            reply.setError("node " + from + " does not own process " + Pid.format(pid));
        } else if (req.getSpecsCount() > freeThreadIds()) {
            reply.setError("no free thread id on node " + self);
        } else {
            if (copy == null) {
                copy = new Descriptor(pid, req.getProcessName(), from, false);
                descriptors.put(pid, copy);
            }
            for (ThreadSpecMsg spec : req.getSpecsList()) {
                int tid = allocateThread(copy);
                reply.addTids(tid);
                out.add(new StartThread(pid, tid, fromWire(spec)));
            }
        }
        Descriptor now = descriptors.get(pid);
        reply.setHoldsCopy(now != null && !now.reference);
        out.add(new SendRpc(from, rpc(rpc.getRpcId()).setCreateThreadsReply(reply).build()));
    }

    private void onCreateThreadsReply(KernelRpc rpc, List<ProcessEffect> out) {
        SpawnPart part = take(rpc, SpawnPart.class);
        CreateThreadsReply reply = rpc.getCreateThreadsReply();
        SpawnCall call = part.call();
        int node = part.node();
        boolean ok = reply.getError().isEmpty();
        List<Integer> indices = call.indicesByNode.get(node);
        if (ok && reply.getTidsCount() != indices.size()) {
            throw new IllegalStateException("node " + node + " created " + reply.getTidsCount()
                    + " threads for " + indices.size() + " specs");
        }
        Descriptor ref = descriptors.get(call.pid);
        if (ref != null && ref.reference) {
            ref.spawnsInFlight.computeIfPresent(node, (n, c) -> c == 1 ? null : c - 1);
            if (reply.getHoldsCopy()) {
                ref.copies.add(node);
            } else {
                ref.copies.remove(node);
            }
            if (ok && !ref.ending) {
                for (int tid : reply.getTidsList()) {
                    ref.hadThreads = true;
                    if (!ref.earlyExits.remove(tid)) {
                        ref.live.computeIfAbsent(node, n -> new TreeSet<>()).add(tid);
                    }
                }
            }
        }
        if (ok) {
            for (int k = 0; k < indices.size(); k++) {
                call.tids[indices.get(k)] = reply.getTids(k);
            }
        } else if (call.error == null) {
            call.error = reply.getError();
        }
        if (--call.remaining == 0) {
            out.add(new Completed(call.requestId, new Outcome(asList(call.tids), call.error)));
        }
        if (ref != null && ref.reference) {
            maybeEnd(ref, out);
        }
    }

    private void onKillThread(KernelRpc rpc, List<ProcessEffect> out) {
        KillThread req = rpc.getKillThread();
        int tid = req.getTid();
        Integer pid = pidOfLocalThread.get(tid);
        String error = stopLocalThread(tid, req.getExitCode(), out);
        KillThreadReply.Builder reply = KillThreadReply.newBuilder().setTid(tid);
        if (error == null) {
            reply.setPid(pid);
        } else {
            reply.setError(error);
        }
        out.add(new SendRpc(rpc.getFromNode(), rpc(rpc.getRpcId()).setKillThreadReply(reply).build()));
    }

    private void onKillThreadReply(KernelRpc rpc, List<ProcessEffect> out) {
        KillCall call = take(rpc, KillCall.class);
        String error = rpc.getKillThreadReply().getError();
        out.add(new Completed(call.requestId(),
                error.isEmpty() ? Outcome.ok(List.of()) : Outcome.failed(error)));
    }

    private void onThreadExited(KernelRpc rpc, List<ProcessEffect> out) {
        ThreadExited msg = rpc.getThreadExited();
        Descriptor ref = descriptors.get(msg.getPid());
        if (ref != null && ref.reference && !ref.ending) {
            threadGoneAtReference(ref, rpc.getFromNode(), msg.getTid(), msg.getExitCode(), out);
        }
    }

    private void onDestroyCopy(KernelRpc rpc, List<ProcessEffect> out) {
        int pid = rpc.getDestroyCopy().getPid();
        Descriptor copy = descriptors.get(pid);
        int stopped = 0;
        if (copy != null && !copy.reference) {
            for (int tid : copy.local) {
                out.add(new StopThread(pid, tid));
                pidOfLocalThread.remove(tid);
                stopped++;
            }
            descriptors.remove(pid);
            out.add(new CopyRemoved(pid));
        }
        DestroyCopyReply reply =
                DestroyCopyReply.newBuilder().setPid(pid).setStoppedThreads(stopped).build();
        out.add(new SendRpc(rpc.getFromNode(), rpc(rpc.getRpcId()).setDestroyCopyReply(reply).build()));
    }

    private void onDestroyCopyReply(KernelRpc rpc, List<ProcessEffect> out) {
        DestroyPart part = take(rpc, DestroyPart.class);
        Descriptor ref = descriptors.get(part.pid());
        if (ref == null || !ref.reference || !ref.ending) {
            return;
        }
        ref.copies.remove(part.node());
        ref.awaitingDestroy.remove(part.node());
        if (ref.awaitingDestroy.isEmpty()) {
            finishEnd(ref, out);
        }
    }

    // ------------------------------------------------------------------ bookkeeping

    /** Stops live local thread {@code tid}; returns an error text if there is none. */
    private String stopLocalThread(int tid, int code, List<ProcessEffect> out) {
        Integer pid = pidOfLocalThread.get(tid);
        if (pid == null) {
            return noThread(tid);
        }
        out.add(new StopThread(pid, tid));
        localThreadGone(pid, tid, code, out);
        return null;
    }

    private void localThreadGone(int pid, int tid, int code, List<ProcessEffect> out) {
        pidOfLocalThread.remove(tid);
        Descriptor d = descriptors.get(pid);
        d.local.remove(tid);
        if (d.reference) {
            threadGoneAtReference(d, self, tid, code, out);
        } else {
            ThreadExited msg =
                    ThreadExited.newBuilder().setPid(pid).setTid(tid).setExitCode(code).build();
            out.add(new SendRpc(d.owner, rpc(nextRpcId()).setThreadExited(msg).build()));
        }
    }

    private void threadGoneAtReference(
            Descriptor ref, int node, int tid, int code, List<ProcessEffect> out) {
        TreeSet<Integer> live = ref.live.get(node);
        if (live != null && live.remove(tid)) {
            if (live.isEmpty()) {
                ref.live.remove(node);
            }
        } else if (ref.spawnsInFlight.containsKey(node)) {
            ref.earlyExits.add(tid); // overtook the reply that creates it
        }
        ref.lastExitCode = code;
        maybeEnd(ref, out);
    }

    private void maybeEnd(Descriptor ref, List<ProcessEffect> out) {
        if (!ref.ending && ref.hadThreads && ref.live.isEmpty() && ref.spawnsInFlight.isEmpty()) {
            beginEnd(ref, ref.lastExitCode, out);
        }
    }

    /** Stops the owner's threads and asks every (possibly soon) copy node to drop its copy. */
    private void beginEnd(Descriptor ref, int exitCode, List<ProcessEffect> out) {
        ref.ending = true;
        ref.endCode = exitCode;
        for (int tid : ref.local) {
            out.add(new StopThread(ref.pid, tid));
            pidOfLocalThread.remove(tid);
        }
        ref.local.clear();
        ref.live.clear();
        ref.earlyExits.clear();
        TreeSet<Integer> targets = new TreeSet<>(ref.copies);
        targets.addAll(ref.spawnsInFlight.keySet());
        targets.remove(self);
        DestroyCopy req = DestroyCopy.newBuilder().setPid(ref.pid).setExitCode(exitCode).build();
        for (int node : targets) {
            long rpcId = nextRpcId();
            pending.put(rpcId, new DestroyPart(ref.pid, node));
            ref.awaitingDestroy.add(node);
            out.add(new SendRpc(node, rpc(rpcId).setDestroyCopy(req).build()));
        }
        if (targets.isEmpty()) {
            finishEnd(ref, out);
        }
    }

    private void finishEnd(Descriptor ref, List<ProcessEffect> out) {
        descriptors.remove(ref.pid);
        out.add(new ProcessEnded(ref.pid, ref.endCode));
        for (long requestId : ref.waiters) {
            out.add(new Completed(requestId, Outcome.ok(List.of())));
        }
    }

    private Descriptor reference(int pid, String operation) {
        Descriptor d = descriptors.get(pid);
        if (d == null || !d.reference) {
            throw new IllegalArgumentException(operation + ": node " + self + " does not own process "
                    + (pid > 0 && (pid & Ids.MAX_INDEX) != 0 ? Pid.format(pid) : Integer.toString(pid)));
        }
        return d;
    }

    private int freeThreadIds() {
        return Ids.MAX_INDEX - pidOfLocalThread.size();
    }

    /** A new local thread of {@code d}; the caller checked {@link #freeThreadIds()}. */
    private int allocateThread(Descriptor d) {
        while (true) {
            int index = nextTidIndex;
            nextTidIndex = index == Ids.MAX_INDEX ? 1 : index + 1;
            int tid = Tid.of(self, index);
            if (!pidOfLocalThread.containsKey(tid)) {
                pidOfLocalThread.put(tid, d.pid);
                d.local.add(tid);
                return tid;
            }
        }
    }

    private String noThread(int tid) {
        return "no thread " + Tid.format(tid) + " on node " + self;
    }

    private long nextRpcId() {
        return (long) self << 40 | ++rpcCounter;
    }

    private KernelRpc.Builder rpc(long rpcId) {
        return KernelRpc.newBuilder().setRpcId(rpcId).setFromNode(self);
    }

    private <T extends Pending> T take(KernelRpc reply, Class<T> kind) {
        Pending p = pending.remove(reply.getRpcId());
        if (!kind.isInstance(p)) {
            throw new IllegalStateException("node " + self + ": unexpected reply " + reply);
        }
        return kind.cast(p);
    }

    private static List<Integer> asList(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static ThreadSpecMsg toWire(ThreadSpec spec) {
        return ThreadSpecMsg.newBuilder()
                .setProgram(spec.program())
                .setArguments(ByteString.copyFrom(spec.arguments()))
                .setCore(spec.core())
                .build();
    }

    private static ThreadSpec fromWire(ThreadSpecMsg msg) {
        return new ThreadSpec(msg.getProgram(), msg.getArguments().toByteArray(), msg.getCore());
    }

    // ------------------------------------------------------------------ state

    /** A descriptor; the fields after {@code local} are used by references only. */
    private static final class Descriptor {
        final int pid;
        final String name;
        final int owner;
        final boolean reference;
        final TreeSet<Integer> local = new TreeSet<>();
        final TreeMap<Integer, TreeSet<Integer>> live = new TreeMap<>();
        final TreeSet<Integer> copies = new TreeSet<>();
        final TreeMap<Integer, Integer> spawnsInFlight = new TreeMap<>();
        final TreeSet<Integer> earlyExits = new TreeSet<>();
        final TreeSet<Integer> awaitingDestroy = new TreeSet<>();
        final List<Long> waiters = new ArrayList<>();
        boolean hadThreads;
        int lastExitCode;
        boolean ending;
        int endCode;

        Descriptor(int pid, String name, int owner, boolean reference) {
            this.pid = pid;
            this.name = name;
            this.owner = owner;
            this.reference = reference;
        }

        ProcessDescriptor snapshot() {
            TreeMap<Integer, Integer> counts = new TreeMap<>();
            live.forEach((node, tids) -> counts.put(node, tids.size()));
            return new ProcessDescriptor(pid, name, owner, reference, local, counts, copies, ending);
        }
    }

    private sealed interface Pending permits SpawnPart, KillCall, DestroyPart {}

    /** One node's share of a spawn. */
    private record SpawnPart(SpawnCall call, int node) implements Pending {}

    private record KillCall(long requestId) implements Pending {}

    private record DestroyPart(int pid, int node) implements Pending {}

    /** A spawn waiting for its remote nodes. */
    private static final class SpawnCall {
        final long requestId;
        final int pid;
        final int[] tids;
        final TreeMap<Integer, List<Integer>> indicesByNode;
        int remaining;
        String error;

        SpawnCall(long requestId, int pid, int[] tids, TreeMap<Integer, List<Integer>> indicesByNode) {
            this.requestId = requestId;
            this.pid = pid;
            this.tids = tids;
            this.indicesByNode = indicesByNode;
            this.remaining = indicesByNode.size();
        }
    }
}
