package org.bxiemu.mpi;

/**
 * What a rank program sees of MPI: plain sequential calls, as in C. Every call costs the rank's
 * core the library work it does (cycles from {@code mpi.costs.*}), and communication goes through
 * the node's NIC (Portals 4). Wildcards: {@link #ANY_SOURCE}, {@link #ANY_TAG}.
 */
public interface Mpi {
    int ANY_SOURCE = -1;
    int ANY_TAG = -1;

    int rank();

    int size();

    /** MPI_Wtime, in seconds of virtual time. */
    double wtime();

    /** Virtual time in picoseconds. */
    long now();

    /** Application compute for {@code duration} ps (between MPI calls; not progressing MPI). */
    void compute(long duration);

    Request isend(Payload payload, int dest, int tag);

    Request irecv(long capacity, int source, int tag);

    /** Waits for {@code request} (progressing communication); returns its status. */
    Status waitFor(Request request);

    /** Progresses communication once; true if {@code request} is complete. */
    boolean test(Request request);

    default void send(Payload payload, int dest, int tag) {
        waitFor(isend(payload, dest, tag));
    }

    default Status recv(long capacity, int source, int tag) {
        return waitFor(irecv(capacity, source, tag));
    }
}
