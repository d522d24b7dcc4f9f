package org.bxiemu.mpi.runtime;

import java.nio.ByteBuffer;
import java.util.List;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.Placement;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/** Threads the library starts for a rank (progress threads, pollers, timers) on its own node. */
final class LibraryThreads {
    private LibraryThreads() {}

    /** Spawns {@code program} with {@code args} on core {@code core} of the caller's node. */
    static void spawn(Fiber.Context ctx, String program, byte[] args, int core) {
        ctx.run(new Step.Call(new Syscall.SpawnThreads(List.of(new Placement(ctx.api().node(),
                new ThreadSpec(program, args, core))))));
    }

    /**
     * Spawns a thread that serves {@code rank} alone and publishes its thread id in the rank's
     * progress-thread word; returns that id once it has (to kill the thread at MPI_Finalize).
     */
    static int spawnForRank(MpiRank rank, String program, int core) {
        Fiber.Context ctx = rank.context();
        spawn(ctx, program, ByteBuffer.allocate(4).putInt(rank.rank()).array(), core);
        return (int) ctx.run(new Step.WaitWord(rank.progressThreadWord(), v -> v != 0)).value();
    }
}
