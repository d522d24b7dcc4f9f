package org.bxiemu.mpi.runtime.offload;

import java.util.List;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.Status;

/**
 * The request of a collective running on the NIC: done once the NIC has notified its end and the
 * results are in the program's buffers.
 */
public final class OffloadedRequest implements Request {
    private final String name;
    private final int rank;
    private final List<Integer> peers;
    final TriggeredAlgorithm algorithm;
    final Chain chain;
    final Request notice;
    boolean done;

    OffloadedRequest(String name, int rank, List<Integer> peers, TriggeredAlgorithm algorithm, Chain chain,
            Request notice) {
        this.name = name;
        this.rank = rank;
        this.peers = List.copyOf(peers);
        this.algorithm = algorithm;
        this.chain = chain;
        this.notice = notice;
    }

    /** The collective's name ("barrier", "bcast", "allreduce"). */
    public String name() {
        return name;
    }

    /** The world ranks whose messages this rank's part waits for. */
    public List<Integer> peers() {
        return peers;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public Status status() {
        return new Status(rank, 0, 0, Payload.modelled(0));
    }
}
