package org.bxiemu.mpi.collective;

import java.util.List;

/**
 * Operations that may proceed concurrently; the next round of the schedule starts when all of them
 * completed. The list order matters only for message matching (see {@link Schedule}).
 */
public record Round(List<Op> ops) {
    public Round {
        ops = List.copyOf(ops);
    }

    /** Whether the round holds a Send or a Recv. */
    public boolean communicates() {
        for (Op op : ops) {
            if (op instanceof Op.Send || op instanceof Op.Recv) {
                return true;
            }
        }
        return false;
    }
}
