package org.bxiemu.mpi;

/** A non-blocking operation in progress; complete it with {@link Mpi#waitFor} or {@link Mpi#test}. */
public interface Request {
    boolean done();

    /** For a completed receive, what it received; for a send, its own size. */
    Status status();
}
