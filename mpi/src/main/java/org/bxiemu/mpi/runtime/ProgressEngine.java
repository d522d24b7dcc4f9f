package org.bxiemu.mpi.runtime;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.bxiemu.engine.BadInputException;

/**
 * How a rank's communication progresses ({@code mpi.progress}): what is set up at MPI_Init, and
 * what a wait does when nothing is left to progress. One class per engine.
 */
public interface ProgressEngine {
    String name();

    /** Whether something besides the rank's own calls progresses (then calls take the core lock). */
    boolean locks();

    /** At MPI_Init, once the rank's Portals objects exist. */
    void start(MpiRank rank);

    /** After MPI_Init's fence: every rank of the job has its Portals objects. */
    default void ready(MpiRank rank) {}

    /**
     * A wait found nothing to progress: wait until there may be (the lock is not held), or until
     * virtual time {@code deadline} at the latest; {@code completionsSeen} is how many requests had
     * completed when it looked.
     */
    void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline);

    /** Whether completions are published in a memory word (another core completes requests). */
    default boolean completionsInMemory() {
        return false;
    }

    /** At MPI_Finalize: end the engine's own threads. */
    default void stop(MpiRank rank) {}

    List<String> NAMES = List.of("poll", "uintr", "signal", "eventfd", "progress-thread", "idle-poll", "xui", "offload");

    static ProgressEngine named(String name) {
        return switch (name) {
            case "poll" -> new PollEngine();
            case "uintr" -> new UintrEngine();
            case "signal" -> new SignalEngine();
            case "eventfd" -> new EventfdEngine();
            case "progress-thread" -> new ProgressThreadEngine();
            case "idle-poll" -> new IdlePollEngine();
            case "xui" -> new XuiEngine();
            case "offload" -> new OffloadEngine();
            default -> throw new BadInputException("mpi.progress: unknown engine '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
