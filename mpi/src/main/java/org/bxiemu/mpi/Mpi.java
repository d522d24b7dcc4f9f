package org.bxiemu.mpi;

import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.CollectiveArgs;
import org.bxiemu.mpi.collective.ReduceOp;

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

    /** Adds {@code amount} to counter {@code name} of this rank's core statistics (benchmark figures). */
    void count(String name, long amount);

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

    /**
     * MPI_Comm_split: a communicator of the ranks that gave the same {@code color}, ordered by
     * {@code key} then rank; null for a negative color (MPI_UNDEFINED). Collective over this one.
     */
    Mpi split(int color, int key);

    /** MPI_Comm_dup: the same ranks, traffic apart. */
    default Mpi dup() {
        return split(0, rank());
    }

    // ---- collectives (the algorithm: mpi.collectives.*, or the selector's choice) -----------------

    /** Starts any collective; it progresses as point-to-point requests do. */
    Request icollective(CollectiveArgs args);

    default Request ibarrier() {
        return icollective(CollectiveArgs.barrier());
    }

    default void barrier() {
        waitFor(ibarrier());
    }

    default Request ibcast(Buffer buffer, int root) {
        return icollective(CollectiveArgs.bcast(buffer, root));
    }

    default void bcast(Buffer buffer, int root) {
        waitFor(ibcast(buffer, root));
    }

    default Request ireduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        return icollective(CollectiveArgs.reduce(send, recv, op, root));
    }

    default void reduce(Buffer send, Buffer recv, ReduceOp op, int root) {
        waitFor(ireduce(send, recv, op, root));
    }

    default Request iallreduce(Buffer send, Buffer recv, ReduceOp op) {
        return icollective(CollectiveArgs.allreduce(send, recv, op));
    }

    default void allreduce(Buffer send, Buffer recv, ReduceOp op) {
        waitFor(iallreduce(send, recv, op));
    }

    default Request iallgather(Buffer send, Buffer recv) {
        return icollective(CollectiveArgs.allgather(send, recv));
    }

    default void allgather(Buffer send, Buffer recv) {
        waitFor(iallgather(send, recv));
    }

    default Request ialltoall(Buffer send, Buffer recv) {
        return icollective(CollectiveArgs.alltoall(send, recv));
    }

    default void alltoall(Buffer send, Buffer recv) {
        waitFor(ialltoall(send, recv));
    }

    default void gather(Buffer send, Buffer recv, int root) {
        waitFor(icollective(CollectiveArgs.gather(send, recv, root)));
    }

    default void scatter(Buffer send, Buffer recv, int root) {
        waitFor(icollective(CollectiveArgs.scatter(send, recv, root)));
    }
}
