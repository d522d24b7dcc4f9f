package org.bxiemu.mpi.motif;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Sizes;
import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.RankProgram;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.Datatype;
import org.bxiemu.mpi.collective.ReduceOp;

/**
 * A rank program written as data ({@code motif.steps} in the job's configuration): a list of
 * steps every rank runs — compute (optionally calling MPI_Test every so often, as applications
 * sprinkle it), point-to-point sends and receives to peers relative to the rank, blocking and
 * non-blocking collectives of a size, waits, barriers and loops. Checked when the job is built:
 * a bad step is bad input naming its place in the list.
 */
public final class Motif implements RankProgram {
    /** One step of a motif. */
    public sealed interface Step {}

    public record Compute(long duration, long testEvery) implements Step {}

    public record Send(String peer, long size, int tag, String name) implements Step {}

    public record Receive(String peer, long size, int tag, String name) implements Step {}

    /** A collective: barrier, bcast, allreduce, alltoall, allgather; {@code name} set makes it non-blocking. */
    public record Collective(String kind, long size, int root, String name) implements Step {}

    public record Wait(String name) implements Step {}

    public record WaitAll() implements Step {}

    public record Loop(int times, List<Step> steps) implements Step {}

    private final List<Step> steps;

    private Motif(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Motif from(Config config) {
        try {
            return new Motif(parse(config.getConfigList("motif.steps"), "motif.steps"));
        } catch (ConfigException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    public List<Step> steps() {
        return steps;
    }

    private static List<Step> parse(List<? extends Config> list, String where) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) out.add(parse(list.get(i), where + "[" + i + "]"));
        return out;
    }

    private static Step parse(Config c, String where) {
        if (!c.hasPath("op")) throw new BadInputException(where + ": a step needs an op");
        String op = c.getString("op");
        String name = c.hasPath("name") ? c.getString("name") : null;
        return switch (op) {
            case "compute" -> new Compute(Durations.parse(c.getString("duration"), where + ".duration"),
                    c.hasPath("test-every") ? Durations.parse(c.getString("test-every"), where + ".test-every") : 0);
            case "isend", "send" -> new Send(peer(c, "to", where), size(c, where), tag(c, where),
                    op.equals("isend") ? required(name, where) : null);
            case "irecv", "recv" -> new Receive(peer(c, "from", where), size(c, where), tag(c, where),
                    op.equals("irecv") ? required(name, where) : null);
            case "barrier", "ibarrier" -> new Collective("barrier", 0, 0, op.startsWith("i") ? required(name, where) : null);
            case "bcast", "allreduce", "alltoall", "allgather", "ibcast", "iallreduce", "ialltoall", "iallgather" -> {
                boolean nonBlocking = op.startsWith("i");
                yield new Collective(nonBlocking ? op.substring(1) : op, size(c, where),
                        c.hasPath("root") ? c.getInt("root") : 0, nonBlocking ? required(name, where) : null);
            }
            case "wait" -> new Wait(required(name, where));
            case "waitall" -> new WaitAll();
            case "loop" -> {
                int times = c.getInt("times");
                if (times < 0) throw new BadInputException(where + ".times: must not be negative");
                yield new Loop(times, parse(c.getConfigList("steps"), where + ".steps"));
            }
            default -> throw new BadInputException(where + ".op: unknown op '" + op + "' (known: compute, send, isend,"
                    + " recv, irecv, barrier, ibarrier, bcast, ibcast, allreduce, iallreduce, alltoall, ialltoall,"
                    + " allgather, iallgather, wait, waitall, loop)");
        };
    }

    private static String required(String name, String where) {
        if (name == null) throw new BadInputException(where + ": a non-blocking step needs a name (for its wait)");
        return name;
    }

    private static long size(Config c, String where) {
        return Sizes.parse(c.getString("size"), where + ".size");
    }

    private static int tag(Config c, String where) {
        int tag = c.hasPath("tag") ? c.getInt("tag") : 0;
        if (tag < 0 || tag >= (1 << 23)) throw new BadInputException(where + ".tag: " + tag + " is not in 0..8388607");
        return tag;
    }

    /** A peer: an absolute rank ("3") or one relative to the rank ("+1", "-1"), modulo the size. */
    private static String peer(Config c, String key, String where) {
        String p = c.getString(key).trim();
        if (!p.matches("[+-]?[0-9]+")) throw new BadInputException(where + "." + key + ": '" + p + "' is not a rank or +k/-k");
        return p;
    }

    private static int resolve(String peer, Mpi mpi) {
        int k = Integer.parseInt(peer.startsWith("+") ? peer.substring(1) : peer);
        if (peer.startsWith("+") || peer.startsWith("-")) return Math.floorMod(mpi.rank() + k, mpi.size());
        if (k >= mpi.size()) throw new org.bxiemu.mpi.MpiException("motif: rank " + k + " is beyond the job's " + mpi.size());
        return k;
    }

    @Override
    public void run(Mpi mpi) {
        run(mpi, steps, new TreeMap<>());
    }

    private void run(Mpi mpi, List<Step> list, Map<String, Request> pending) {
        for (Step s : list) {
            switch (s) {
                case Compute c -> compute(mpi, c, pending);
                case Send send -> {
                    Request r = mpi.isend(Payload.modelled(send.size()), resolve(send.peer(), mpi), send.tag());
                    if (send.name() == null) mpi.waitFor(r);
                    else pending.put(send.name(), r);
                }
                case Receive recv -> {
                    Request r = mpi.irecv(recv.size(), resolve(recv.peer(), mpi), recv.tag());
                    if (recv.name() == null) mpi.waitFor(r);
                    else pending.put(recv.name(), r);
                }
                case Collective c -> {
                    Request r = start(mpi, c);
                    if (c.name() == null) mpi.waitFor(r);
                    else pending.put(c.name(), r);
                }
                case Wait w -> {
                    Request r = pending.remove(w.name());
                    if (r == null) throw new org.bxiemu.mpi.MpiException("motif: wait for '" + w.name() + "', which is not pending");
                    mpi.waitFor(r);
                }
                case WaitAll w -> {
                    for (Request r : pending.values()) mpi.waitFor(r);
                    pending.clear();
                }
                case Loop l -> {
                    for (int i = 0; i < l.times(); i++) run(mpi, l.steps(), pending);
                }
            }
        }
    }

    private static void compute(Mpi mpi, Compute c, Map<String, Request> pending) {
        if (c.testEvery() <= 0 || pending.isEmpty()) {
            mpi.compute(c.duration());
            return;
        }
        long left = c.duration();
        while (left > 0) {
            long chunk = Math.min(left, c.testEvery());
            mpi.compute(chunk);
            left -= chunk;
            for (Request r : pending.values()) mpi.test(r);
        }
    }

    private static Request start(Mpi mpi, Collective c) {
        int count = (int) Math.max(1, c.size() / Datatype.DOUBLE.bytes());
        Buffer send = Buffer.modelled(Datatype.DOUBLE, count);
        Buffer recv = Buffer.modelled(Datatype.DOUBLE, count);
        return switch (c.kind()) {
            case "barrier" -> mpi.ibarrier();
            case "bcast" -> mpi.ibcast(send, c.root());
            case "allreduce" -> mpi.iallreduce(send, recv, ReduceOp.SUM);
            case "alltoall" -> mpi.ialltoall(Buffer.modelled(Datatype.DOUBLE, count * mpi.size()),
                    Buffer.modelled(Datatype.DOUBLE, count * mpi.size()));
            case "allgather" -> mpi.iallgather(send, Buffer.modelled(Datatype.DOUBLE, count * mpi.size()));
            default -> throw new IllegalStateException("collective " + c.kind());
        };
    }
}
