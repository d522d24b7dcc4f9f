package org.bxiemu.mpi;

import com.typesafe.config.Config;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bxiemu.mpi.runtime.IdlePollEngine;
import org.bxiemu.mpi.runtime.MpiRank;
import org.bxiemu.mpi.runtime.ProgressThreadEngine;
import org.bxiemu.node.NodeSettings;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.ProgramRegistry;

/**
 * The MPI rank programs a cluster's job can run: each runs MPI_Init, the program, MPI_Finalize
 * on its rank's fiber. Also registers the program of the progress threads the library spawns.
 */
public final class MpiPrograms {
    private final ProgramRegistry registry;
    private final Config config;
    private final MpiSettings settings;
    private final Job job;
    private final int cores;
    /** The library of each rank, for the threads it spawns (looked up, never iterated). */
    private final ConcurrentSkipListMap<Integer, MpiRank> ranks = new ConcurrentSkipListMap<>();

    public MpiPrograms(ProgramRegistry registry, Config config) {
        this.registry = registry;
        this.config = config;
        this.settings = MpiSettings.from(config);
        this.job = ClusterPlatform.job(config);
        this.cores = NodeSettings.from(config).cores();
        registry.register(ProgressThreadEngine.PROGRAM, (tid, pid, spec) -> ProgressThreadEngine.program(
                ranks.get(ByteBuffer.wrap(spec.arguments()).getInt())));
        registry.register(IdlePollEngine.TIMER, (tid, pid, spec) -> IdlePollEngine.timer(
                ranks.get(ByteBuffer.wrap(spec.arguments()).getInt())));
        registry.register(IdlePollEngine.POLLER, (tid, pid, spec) -> IdlePollEngine.poller(
                IdlePollEngine.servedRanks(spec.arguments()).stream().map(ranks::get).toList()));
    }

    /** Registers {@code program} as {@code name}. */
    public MpiPrograms add(String name, RankProgram program) {
        registry.register(name, (tid, pid, spec) -> Fiber.main(name + "-" + Job.rankOf(spec), ctx -> {
            MpiRank mpi = new MpiRank(ctx, settings, job, Job.rankOf(spec), cores);
            ranks.put(mpi.rank(), mpi);
            mpi.init();
            program.run(mpi);
            mpi.finish();
        }));
        return this;
    }

    Config config() {
        return config;
    }

    /** One program for the job {@code config} describes. */
    public static void register(ProgramRegistry registry, String name, RankProgram program, Config config) {
        new MpiPrograms(registry, config).add(name, program);
    }
}
