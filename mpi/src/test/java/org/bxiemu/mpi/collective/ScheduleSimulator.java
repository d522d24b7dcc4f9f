package org.bxiemu.mpi.collective;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the schedules of all p ranks of a communicator together, in memory.
 *
 * <p>Each rank posts its current round (local Copy/Reduce executed at once, Sends and Recvs
 * queued per ordered pair of ranks in schedule order) and moves to the next round when every
 * Send and Recv of the round completed. The k-th Send a→b is matched with the k-th Recv b←a and
 * the data copied. Sends are <em>rendezvous</em>: a Send completes only when its Recv has been
 * posted, so a schedule that would need eager buffering to progress is reported as a deadlock;
 * a schedule that passes here runs with any mix of eager and rendezvous transfers.
 *
 * <p>Failures are {@link AssertionError}s: deadlock (no rank can progress), a Send and its Recv
 * of different byte sizes (or datatypes), a message to oneself or to a rank outside 0..p-1, a
 * hazard inside a round (a slice written by one operation overlapping a slice of another), and a
 * buffer used by an operation that is neither a user buffer nor listed in
 * {@link Schedule#scratch()}.
 *
 * <p>It also tracks causality: every rank "knows" itself at the start; a message carries what its
 * sender knew when posting it. {@link Result#knows} tells whether a rank, at its end, had heard
 * (transitively) from another — for a barrier or an allreduce every rank must have heard from all.
 */
final class ScheduleSimulator {

    /** Outcome of a run. */
    record Result(int messages, long bytes, BitSet[] knowledge) {
        /** Whether {@code rank} had heard from {@code other} by the end of its schedule. */
        boolean knows(int rank, int other) {
            return knowledge[rank].get(other);
        }

        /** Whether every rank heard from every rank. */
        boolean everyoneHeardFromEveryone() {
            for (BitSet k : knowledge) {
                if (k.cardinality() != knowledge.length) {
                    return false;
                }
            }
            return true;
        }
    }

    private record PendingSend(int from, int to, Slice slice, BitSet knowledge, int seq) {}

    private record PendingRecv(int at, int from, Slice slice, int seq) {}

    private ScheduleSimulator() {}

    /** Runs without checking buffer ownership. */
    static Result run(List<Schedule> schedules) {
        return run(schedules, null);
    }

    /**
     * Runs the schedules; {@code userBuffers.get(r)} (if the list is non-null) are the buffers rank
     * r passed to the collective: any other buffer an operation uses must be in its scratch list.
     */
    static Result run(List<Schedule> schedules, List<? extends Iterable<Buffer>> userBuffers) {
        int p = schedules.size();
        if (userBuffers != null) {
            for (int r = 0; r < p; r++) {
                checkOwnership(r, schedules.get(r), userBuffers.get(r));
            }
        }
        int[] round = new int[p];
        boolean[] posted = new boolean[p];
        int[] outstanding = new int[p];
        int[][] sendSeq = new int[p][p];
        int[][] recvSeq = new int[p][p];
        Map<Long, ArrayDeque<PendingSend>> sends = new HashMap<>();
        Map<Long, ArrayDeque<PendingRecv>> recvs = new HashMap<>();
        BitSet[] knows = new BitSet[p];
        for (int r = 0; r < p; r++) {
            knows[r] = new BitSet(p);
            knows[r].set(r);
        }
        int messages = 0;
        long bytes = 0;
        while (true) {
            boolean progress = false;
            // Post.
            for (int r = 0; r < p; r++) {
                List<Round> rounds = schedules.get(r).rounds();
                if (posted[r] || round[r] >= rounds.size()) {
                    continue;
                }
                Round rd = rounds.get(round[r]);
                checkHazards(r, round[r], rd);
                for (Op op : rd.ops()) {
                    switch (op) {
                        case Op.Copy c -> c.apply();
                        case Op.Reduce red -> red.apply();
                        case Op.Send s -> {
                            checkPeer(r, s.peer(), p);
                            sends.computeIfAbsent(key(r, s.peer(), p), k -> new ArrayDeque<>())
                                    .add(new PendingSend(r, s.peer(), s.from(), (BitSet) knows[r].clone(),
                                            sendSeq[r][s.peer()]++));
                            outstanding[r]++;
                        }
                        case Op.Recv v -> {
                            checkPeer(r, v.peer(), p);
                            recvs.computeIfAbsent(key(v.peer(), r, p), k -> new ArrayDeque<>())
                                    .add(new PendingRecv(r, v.peer(), v.into(), recvSeq[v.peer()][r]++));
                            outstanding[r]++;
                        }
                    }
                }
                posted[r] = true;
                progress = true;
            }
            // Match.
            for (Map.Entry<Long, ArrayDeque<PendingSend>> e : sends.entrySet()) {
                ArrayDeque<PendingSend> ss = e.getValue();
                ArrayDeque<PendingRecv> rs = recvs.get(e.getKey());
                while (!ss.isEmpty() && rs != null && !rs.isEmpty()) {
                    PendingSend s = ss.poll();
                    PendingRecv v = rs.poll();
                    if (s.slice().bytes() != v.slice().bytes() || s.slice().datatype() != v.slice().datatype()) {
                        throw new AssertionError("size mismatch: message #" + s.seq() + " from rank " + s.from()
                                + " to rank " + s.to() + " sends " + s.slice().bytes() + " bytes ("
                                + s.slice().datatype() + ") but the receive is " + v.slice().bytes()
                                + " bytes (" + v.slice().datatype() + ")");
                    }
                    s.slice().copyTo(v.slice());
                    knows[v.at()].or(s.knowledge());
                    outstanding[s.from()]--;
                    outstanding[v.at()]--;
                    messages++;
                    bytes += s.slice().bytes();
                    progress = true;
                }
            }
            // Complete rounds.
            boolean allDone = true;
            for (int r = 0; r < p; r++) {
                if (posted[r] && outstanding[r] == 0) {
                    posted[r] = false;
                    round[r]++;
                    progress = true;
                }
                if (round[r] < schedules.get(r).rounds().size()) {
                    allDone = false;
                }
            }
            if (allDone) {
                return new Result(messages, bytes, knows);
            }
            if (!progress) {
                throw new AssertionError(deadlockReport(schedules, round, sends, recvs));
            }
        }
    }

    private static long key(int from, int to, int p) {
        return (long) from * p + to;
    }

    private static void checkPeer(int rank, int peer, int p) {
        if (peer < 0 || peer >= p) {
            throw new AssertionError("rank " + rank + " addresses rank " + peer + " outside 0.." + (p - 1));
        }
        if (peer == rank) {
            throw new AssertionError("rank " + rank + " sends to or receives from itself");
        }
    }

    /** A slice written by an op must not overlap any slice of another op of the same round. */
    static void checkHazards(int rank, int roundIndex, Round round) {
        List<Op> ops = round.ops();
        for (int i = 0; i < ops.size(); i++) {
            Slice wi = written(ops.get(i));
            for (int j = 0; j < ops.size(); j++) {
                if (i == j || wi == null) {
                    continue;
                }
                for (Slice sj : slices(ops.get(j))) {
                    if (wi.overlaps(sj)) {
                        throw new AssertionError("hazard on rank " + rank + " round " + roundIndex + ": "
                                + ops.get(i) + " writes what " + ops.get(j) + " uses");
                    }
                }
            }
        }
    }

    private static Slice written(Op op) {
        return switch (op) {
            case Op.Send s -> null;
            case Op.Recv v -> v.into();
            case Op.Reduce r -> r.into();
            case Op.Copy c -> c.into();
        };
    }

    private static List<Slice> slices(Op op) {
        return switch (op) {
            case Op.Send s -> List.of(s.from());
            case Op.Recv v -> List.of(v.into());
            case Op.Reduce r -> List.of(r.from(), r.into());
            case Op.Copy c -> List.of(c.from(), c.into());
        };
    }

    private static void checkOwnership(int rank, Schedule s, Iterable<Buffer> user) {
        Set<Buffer> known = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Buffer b : user) {
            if (b != null) {
                known.add(b);
            }
        }
        known.addAll(s.scratch());
        for (Round rd : s.rounds()) {
            for (Op op : rd.ops()) {
                for (Slice sl : slices(op)) {
                    if (!known.contains(sl.buffer())) {
                        throw new AssertionError("rank " + rank + " uses " + sl.buffer()
                                + " which is neither a user buffer nor listed as scratch");
                    }
                }
            }
        }
    }

    private static String deadlockReport(List<Schedule> schedules, int[] round,
            Map<Long, ArrayDeque<PendingSend>> sends, Map<Long, ArrayDeque<PendingRecv>> recvs) {
        StringBuilder sb = new StringBuilder("deadlock: no rank can progress");
        List<String> stuck = new ArrayList<>();
        for (int r = 0; r < schedules.size(); r++) {
            if (round[r] < schedules.get(r).rounds().size()) {
                stuck.add("rank " + r + " in round " + round[r] + "/" + schedules.get(r).rounds().size());
            }
        }
        sb.append("; ").append(String.join(", ", stuck));
        sends.values().forEach(q -> q.forEach(s ->
                sb.append("; unmatched send ").append(s.from()).append("->").append(s.to()).append(" #").append(s.seq())));
        recvs.values().forEach(q -> q.forEach(v ->
                sb.append("; unmatched recv ").append(v.at()).append("<-").append(v.from()).append(" #").append(v.seq())));
        return sb.toString();
    }
}
