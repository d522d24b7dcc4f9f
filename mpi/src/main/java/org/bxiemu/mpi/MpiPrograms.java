package org.bxiemu.mpi;

import com.typesafe.config.Config;
import org.bxiemu.mpi.runtime.MpiRank;
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
        registry.register(name, (tid, pid, spec) -> Fiber.main(name + "-" + Job.rankOf(spec), ctx -> {
            MpiRank mpi = new MpiRank(ctx, settings, Job.rankOf(spec), Job.sizeOf(spec), job::nodeOf);
            mpi.init();
            program.run(mpi);
        }));
    }
}
