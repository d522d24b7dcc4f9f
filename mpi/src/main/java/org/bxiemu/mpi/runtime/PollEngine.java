package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.node.Node;
import org.bxiemu.node.user.Step;

/**
 * {@code poll}: communication progresses only inside MPI calls, as in most MPI libraries over
 * Portals today; a wait spins on the event queue's tail word (one event per change, the spinning
 * accounted as polling).
 */
final class PollEngine implements ProgressEngine {
    @Override
    public String name() {
        return "poll";
    }

    @Override
    public boolean locks() {
        return false;
    }

    @Override
    public void start(MpiRank rank) {}

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.spinOnEventQueue(deadline);
    }
}
