package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.job.ClusterPlatform;
import java.util.function.IntConsumer;
import org.bxiemu.node.user.ProgramRegistry;

/** The MPI tests' cluster: a rank program run as job "test" on a small star, in one JVM. */
final class ClusterJobs {
    private ClusterJobs() {}

    /** {@code nodes} 4-core nodes on one switch, {@code ranksPerNode} ranks each, then {@code extra} (HOCON). */
    static Config star(int nodes, int ranksPerNode, String extra) {
        return config("cluster.fabric = on\nswitch.topology = star\nswitch.star.nodes = " + nodes
                + "\nnode.cores = 4\njob.program = test\njob.ranks-per-node = " + ranksPerNode + "\n" + extra);
    }

    /** {@code hocon} over the modules' defaults. */
    static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }

    /** Runs {@code program} on every rank, on two partitions, for at most 10 s of virtual time. */
    static RunResult run(Config config, RankProgram program) {
        return run(config, program, 10 * Durations.S);
    }

    static RunResult run(Config config, RankProgram program, long end) {
        ProgramRegistry programs = new ProgramRegistry();
        MpiPrograms.register(programs, "test", program, config);
        return Emulation.lead(RunSetup.of(ClusterPlatform.build(config, programs),
                EngineSettings.from(config).withPartitionsPerJvm(2), 1, 3, end), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
    }

    /** {@code n} bytes that differ with {@code seed}, to check a message arrived intact. */
    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 13 + seed);
        return b;
    }

    /**
     * Ranks 0 and 1: after a zero-byte warm-up exchange (as OSU does: the ranks leave MPI_Init's
     * fence at different times), one round trip per size — real bytes out, other bytes echoed back,
     * both checked — timed by rank 0 into {@code times}; {@code roundTrip} hears of each one done.
     */
    static void echoPingPong(Mpi mpi, int[] sizes, long[] times, IntConsumer roundTrip) {
        int peer = 1 - mpi.rank();
        if (mpi.rank() == 0) {
            mpi.send(Payload.modelled(0), peer, 99);
            mpi.recv(0, peer, 99);
        } else {
            mpi.recv(0, peer, 99);
            mpi.send(Payload.modelled(0), peer, 99);
        }
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            if (mpi.rank() == 0) {
                long start = mpi.now();
                mpi.send(Payload.of(bytes(n, i)), peer, i);
                Status back = mpi.recv(n, peer, i);
                times[i] = mpi.now() - start;
                assertArrayEquals(bytes(n, i + 100), back.payload().data(), "echo of " + n + " B");
                roundTrip.accept(n);
            } else {
                Status got = mpi.recv(n, peer, i);
                assertEquals(0, got.source());
                assertEquals(i, got.tag());
                assertEquals(n, got.bytes());
                assertArrayEquals(bytes(n, i), got.payload().data(), n + " B arrived intact");
                mpi.send(Payload.of(bytes(n, i + 100)), peer, i);
            }
        }
    }
}
