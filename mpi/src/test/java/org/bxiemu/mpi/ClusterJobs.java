package org.bxiemu.mpi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.job.ClusterPlatform;
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
}
