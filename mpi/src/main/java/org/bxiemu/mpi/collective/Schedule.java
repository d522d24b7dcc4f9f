package org.bxiemu.mpi.collective;

import java.util.List;

/**
 * What one rank does for one collective: rounds executed one after the other, and the temporary
 * buffers ({@link #scratch()}) the schedule allocated for itself.
 *
 * <p>Message matching: the k-th Send from a to b in schedule order matches the k-th Recv b posts
 * from a, and both carry the same number of bytes.
 */
public record Schedule(List<Round> rounds, List<Buffer> scratch) {
    public Schedule {
        rounds = List.copyOf(rounds);
        scratch = List.copyOf(scratch);
    }

    /** A schedule with nothing to do. */
    public static Schedule empty() {
        return new Schedule(List.of(), List.of());
    }

    /** Number of rounds (local-only rounds included). */
    public int roundCount() {
        return rounds.size();
    }

    /** Number of rounds holding at least one Send or Recv. */
    public int communicationRounds() {
        int n = 0;
        for (Round r : rounds) {
            if (r.communicates()) {
                n++;
            }
        }
        return n;
    }

    /** Number of messages this rank sends. */
    public int sendCount() {
        return (int) ops().filter(o -> o instanceof Op.Send).count();
    }

    /** Number of messages this rank receives. */
    public int recvCount() {
        return (int) ops().filter(o -> o instanceof Op.Recv).count();
    }

    /** Bytes this rank sends. */
    public long bytesSent() {
        return ops().mapToLong(o -> o instanceof Op.Send s ? s.from().bytes() : 0).sum();
    }

    /** Bytes this rank reduces (sum of the sizes of its Reduce operations). */
    public long bytesReduced() {
        return ops().mapToLong(o -> o instanceof Op.Reduce r ? r.from().bytes() : 0).sum();
    }

    /** Bytes of scratch memory the schedule allocated. */
    public long scratchBytes() {
        return scratch.stream().mapToLong(Buffer::bytes).sum();
    }

    private java.util.stream.Stream<Op> ops() {
        return rounds.stream().flatMap(r -> r.ops().stream());
    }
}
