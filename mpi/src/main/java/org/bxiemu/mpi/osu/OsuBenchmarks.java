package org.bxiemu.mpi.osu;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.MpiPrograms;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.Datatype;
import org.bxiemu.mpi.collective.ReduceOp;
import org.bxiemu.node.user.ProgramRegistry;

/**
 * The OSU micro-benchmarks as rank programs, measured the way OSU does (warm-up, then timed
 * iterations; for non-blocking collectives, compute equal to the pure communication time
 * injected between post and wait). Each rank adds its figures to its core's statistics
 * ({@code osu.<figure>.<size>}, picoseconds summed over the timed iterations); the launcher turns
 * them into OSU's tables.
 */
public final class OsuBenchmarks {
    public static final List<String> NAMES = List.of("osu-latency", "osu-bw", "osu-barrier", "osu-bcast",
            "osu-allreduce", "osu-alltoall", "osu-ibcast", "osu-iallreduce", "osu-ialltoall");

    /** One collective call of {@code bytes} bytes per rank, blocking. */
    @FunctionalInterface
    interface Blocking {
        void run(Mpi mpi, Buffers b);
    }

    /** One collective call of {@code bytes} bytes per rank, started (non-blocking). */
    @FunctionalInterface
    interface NonBlocking {
        Request start(Mpi mpi, Buffers b);
    }

    /** The buffers of one size: {@code count} doubles, and p blocks of them for all-to-all. */
    record Buffers(Buffer send, Buffer recv, Buffer sendAll, Buffer recvAll) {
        static Buffers of(long bytes, int ranks) {
            int count = (int) Math.max(1, bytes / Datatype.DOUBLE.bytes());
            return new Buffers(Buffer.modelled(Datatype.DOUBLE, count), Buffer.modelled(Datatype.DOUBLE, count),
                    Buffer.modelled(Datatype.DOUBLE, count * ranks), Buffer.modelled(Datatype.DOUBLE, count * ranks));
        }
    }

    private OsuBenchmarks() {}

    public static void register(ProgramRegistry registry, Config config) {
        OsuParameters p = OsuParameters.from(config);
        MpiPrograms programs = new MpiPrograms(registry, config);
        String program = config.getString("job.program");
        if (org.bxiemu.mpi.JavaSourceProgram.isSource(program)) {
            programs.add(program, org.bxiemu.mpi.JavaSourceProgram.compile(java.nio.file.Path.of(program)));
        }
        programs
                .add("osu-latency", mpi -> latency(mpi, p))
                .add("osu-bw", mpi -> bandwidth(mpi, p))
                .add("osu-barrier", mpi -> barrier(mpi, p))
                .add("osu-bcast", mpi -> blocking(mpi, p, (m, b) -> m.bcast(b.send(), 0)))
                .add("osu-allreduce", mpi -> blocking(mpi, p, (m, b) -> m.allreduce(b.send(), b.recv(), ReduceOp.SUM)))
                .add("osu-alltoall", mpi -> blocking(mpi, p, (m, b) -> m.alltoall(b.sendAll(), b.recvAll())))
                .add("osu-ibcast", mpi -> nonBlocking(mpi, p, (m, b) -> m.ibcast(b.send(), 0)))
                .add("osu-iallreduce", mpi -> nonBlocking(mpi, p, (m, b) -> m.iallreduce(b.send(), b.recv(),
                        ReduceOp.SUM)))
                .add("osu-ialltoall", mpi -> nonBlocking(mpi, p, (m, b) -> m.ialltoall(b.sendAll(), b.recvAll())))
                .add("motif", org.bxiemu.mpi.motif.Motif.from(config));
    }

    /** Ping-pong between ranks 0 and 1: half the round trip. */
    static void latency(Mpi mpi, OsuParameters p) {
        if (mpi.rank() > 1) return;
        int peer = 1 - mpi.rank();
        for (long size : p.sizes()) {
            long start = 0;
            for (int i = 0; i < p.warmup() + p.iterations(); i++) {
                if (i == p.warmup()) start = mpi.now();
                if (mpi.rank() == 0) {
                    mpi.send(Payload.modelled(size), peer, 1);
                    mpi.recv(size, peer, 1);
                } else {
                    mpi.recv(size, peer, 1);
                    mpi.send(Payload.modelled(size), peer, 1);
                }
            }
            if (mpi.rank() == 0) mpi.count("osu.latency." + size, (mpi.now() - start) / 2);
        }
    }

    /** Windows of non-blocking sends from rank 0 to rank 1, each acknowledged. */
    static void bandwidth(Mpi mpi, OsuParameters p) {
        if (mpi.rank() > 1) return;
        for (long size : p.sizes()) {
            long start = 0;
            for (int i = 0; i < p.warmup() + p.iterations(); i++) {
                if (i == p.warmup()) start = mpi.now();
                List<Request> window = new ArrayList<>();
                if (mpi.rank() == 0) {
                    for (int w = 0; w < p.window(); w++) window.add(mpi.isend(Payload.modelled(size), 1, 2));
                    for (Request r : window) mpi.waitFor(r);
                    mpi.recv(4, 1, 3);
                } else {
                    for (int w = 0; w < p.window(); w++) window.add(mpi.irecv(size, 0, 2));
                    for (Request r : window) mpi.waitFor(r);
                    mpi.send(Payload.modelled(4), 0, 3);
                }
            }
            if (mpi.rank() == 0) mpi.count("osu.bw-time." + size, mpi.now() - start);
        }
    }

    static void barrier(Mpi mpi, OsuParameters p) {
        long start = 0;
        for (int i = 0; i < p.warmup() + p.iterations(); i++) {
            if (i == p.warmup()) start = mpi.now();
            mpi.barrier();
        }
        mpi.count("osu.collective.0", mpi.now() - start);
    }

    /** OSU's blocking collective test: average time per call, per size. */
    static void blocking(Mpi mpi, OsuParameters p, Blocking op) {
        for (long size : p.sizes()) {
            Buffers b = Buffers.of(size, mpi.size());
            mpi.barrier();
            long start = 0;
            for (int i = 0; i < p.warmup() + p.iterations(); i++) {
                if (i == p.warmup()) start = mpi.now();
                op.run(mpi, b);
            }
            mpi.count("osu.collective." + size, mpi.now() - start);
        }
    }

    /**
     * OSU's non-blocking collective test: the pure communication time first, then the same with
     * that much compute between post and wait: overall time and overlap.
     */
    static void nonBlocking(Mpi mpi, OsuParameters p, NonBlocking op) {
        for (long size : p.sizes()) {
            Buffers b = Buffers.of(size, mpi.size());
            mpi.barrier();
            long start = 0;
            for (int i = 0; i < p.warmup() + p.iterations(); i++) {
                if (i == p.warmup()) start = mpi.now();
                mpi.waitFor(op.start(mpi, b));
            }
            long pure = (mpi.now() - start) / p.iterations();
            mpi.barrier();
            long overall = 0;
            for (int i = 0; i < p.warmup() + p.iterations(); i++) {
                long t = mpi.now();
                Request r = op.start(mpi, b);
                mpi.compute(pure);
                mpi.waitFor(r);
                if (i >= p.warmup()) overall += mpi.now() - t;
            }
            mpi.count("osu.comm." + size, pure * p.iterations());
            mpi.count("osu.compute." + size, pure * p.iterations());
            mpi.count("osu.overall." + size, overall);
        }
    }
}
