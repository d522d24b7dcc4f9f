package org.bxiemu.mpi;

/** An MPI error in a rank (truncation, bad rank or tag): the job fails with this message. */
public final class MpiException extends RuntimeException {
    public MpiException(String message) {
        super(message, null, false, false);
    }
}
