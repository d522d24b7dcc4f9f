package org.bxiemu.mpi.runtime;

import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.Status;
import org.bxiemu.mpi.collective.CollectiveArgs;

/** The {@link Mpi} of a communicator made by split or dup: ranks and traffic within it. */
final class CommView implements Mpi {
    private final MpiRank library;
    private final Communicator comm;

    CommView(MpiRank library, Communicator comm) {
        this.library = library;
        this.comm = comm;
    }

    @Override
    public int rank() {
        return comm.rank();
    }

    @Override
    public int size() {
        return comm.size();
    }

    @Override
    public double wtime() {
        return library.wtime();
    }

    @Override
    public long now() {
        return library.now();
    }

    @Override
    public void compute(long duration) {
        library.compute(duration);
    }

    @Override
    public void count(String name, long amount) {
        library.count(name, amount);
    }

    @Override
    public Request isend(Payload payload, int dest, int tag) {
        return library.isend(comm, payload, dest, tag);
    }

    @Override
    public Request irecv(long capacity, int source, int tag) {
        return library.irecv(comm, capacity, source, tag);
    }

    @Override
    public Status waitFor(Request request) {
        return library.waitFor(request);
    }

    @Override
    public boolean test(Request request) {
        return library.test(request);
    }

    @Override
    public Request icollective(CollectiveArgs args) {
        return library.icollective(comm, args);
    }

    @Override
    public Mpi split(int color, int key) {
        return library.split(comm, color, key);
    }
}
