package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * {@code progress-thread}: each rank spawns a thread that progresses whenever the rank's event
 * queue moves — on a spare core of its own ({@code mpi.progress-thread.core = spare}, which then
 * computes nothing else) or time-sliced with the rank on its core ({@code shared}). The two
 * threads share the library under its core lock; the rank learns of completions through a word
 * of memory. At MPI_Finalize the rank kills its thread.
 */
public final class ProgressThreadEngine implements ProgressEngine {
    /** The program name a progress thread runs (registered with the rank programs). */
    public static final String PROGRAM = "mpi-progress-thread";
    private int tid;

    @Override
    public String name() {
        return "progress-thread";
    }

    @Override
    public boolean locks() {
        return true;
    }

    @Override
    public boolean completionsInMemory() {
        return true;
    }

    @Override
    public void start(MpiRank rank) {
        Fiber.Context ctx = rank.context();
        int core = ctx.api().core();
        int nodeCores = rank.nodeCores();
        if (rank.settings().progressThreadSpare()) {
            core += rank.job().ranksPerNode();
            if (core >= nodeCores) {
                throw new BadInputException("mpi.progress-thread.core = spare: rank " + rank.rank() + " needs core " + core
                        + " but nodes have " + nodeCores + " (node.cores); use fewer ranks per node or 'shared'");
            }
        }
        tid = LibraryThreads.spawnForRank(rank, PROGRAM, core);
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.context().run(new Step.WaitWord(rank.completionWord(), v -> v > completionsSeen, deadline));
    }

    @Override
    public void stop(MpiRank rank) {
        rank.context().run(new Step.Call(new Syscall.KillThread(tid)));
    }

    /** The progress thread's program: publish its tid, then progress until killed. */
    public static Fiber program(MpiRank rank) {
        return Fiber.main(PROGRAM + "-" + rank.rank(), ctx -> {
            ctx.run(new Step.Store(rank.progressThreadWord(), ctx.api().tid()));
            rank.progressLoop();
        });
    }
}
