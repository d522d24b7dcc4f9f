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

    /** A wait found nothing to progress: wait until there may be (the lock is not held). */
    void idle(MpiRank rank, BooleanSupplier done);

    List<String> NAMES = List.of("poll", "uintr", "signal", "eventfd");

    static ProgressEngine named(String name) {
        return switch (name) {
            case "poll" -> new PollEngine();
            case "uintr" -> new UintrEngine();
            case "signal" -> new SignalEngine();
            case "eventfd" -> new EventfdEngine();
            default -> throw new BadInputException("mpi.progress: unknown engine '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
