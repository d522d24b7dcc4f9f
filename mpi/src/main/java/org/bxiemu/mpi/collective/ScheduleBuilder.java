package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Schedule}: operations go into the current round; {@link #round()} closes it.
 * Empty rounds are dropped.
 */
public final class ScheduleBuilder {
    private final List<Round> rounds = new ArrayList<>();
    private final List<Buffer> scratch = new ArrayList<>();
    private List<Op> current = new ArrayList<>();

    /** Closes the current round (if it holds anything) and opens a new one. */
    public ScheduleBuilder round() {
        if (!current.isEmpty()) {
            rounds.add(new Round(current));
            current = new ArrayList<>();
        }
        return this;
    }

    public ScheduleBuilder send(int peer, Slice from) {
        current.add(new Op.Send(peer, from));
        return this;
    }

    public ScheduleBuilder recv(int peer, Slice into) {
        current.add(new Op.Recv(peer, into));
        return this;
    }

    public ScheduleBuilder reduce(ReduceOp op, Slice from, Slice into) {
        current.add(new Op.Reduce(op, from, into));
        return this;
    }

    public ScheduleBuilder copy(Slice from, Slice into) {
        current.add(new Op.Copy(from, into));
        return this;
    }

    /** Allocates a temporary buffer owned by the schedule (real and zeroed if {@code real}). */
    public Buffer scratch(Datatype datatype, int count, boolean real) {
        Buffer b = Buffer.allocate(datatype, count, real);
        scratch.add(b);
        return b;
    }

    public Schedule build() {
        round();
        return new Schedule(rounds, scratch);
    }
}
