package org.bxiemu.mpi;

import com.typesafe.config.Config;
import org.bxiemu.mpi.runtime.MpiRank;
import org.bxiemu.mpi.runtime.ProgressThreadEngine;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.ProgramRegistry;

/** Registers MPI rank programs so that a cluster's job can run them (MPI_Init, the program, exit). */
public final class MpiPrograms {
    private MpiPrograms() {}

    /** Registers {@code program} as {@code name} for the job {@code config} describes. */
    public static void register(ProgramRegistry registry, String name, RankProgram program, Config config) {
        MpiSettings settings = MpiSettings.from(config);
        Job job = org.bxiemu.node.job.ClusterPlatform.job(config);
        int cores = org.bxiemu.node.NodeSettings.from(config).cores();
        // the library of each rank, for the threads it spawns (looked up, never iterated)
        java.util.concurrent.ConcurrentSkipListMap<Integer, MpiRank> ranks = new java.util.concurrent.ConcurrentSkipListMap<>();
        registry.register(name, (tid, pid, spec) -> Fiber.main(name + "-" + Job.rankOf(spec), ctx -> {
            MpiRank mpi = new MpiRank(ctx, settings, job, Job.rankOf(spec), cores);
            ranks.put(mpi.rank(), mpi);
            mpi.init();
            program.run(mpi);
            mpi.finish();
        }));
        registry.register(ProgressThreadEngine.PROGRAM, (tid, pid, spec) -> ProgressThreadEngine.program(
                ranks.get(java.nio.ByteBuffer.wrap(spec.arguments()).getInt())));
    }
}
