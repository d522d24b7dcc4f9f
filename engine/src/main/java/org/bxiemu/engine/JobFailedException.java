package org.bxiemu.engine;

/**
 * The emulated job failed — a program running on the emulated cores raised an error (an MPI
 * error, a crash) — as opposed to the emulator failing. The launcher exits with code 1 and this
 * message, which names the failed program (and so its rank).
 */
public final class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message, null, false, false);
    }
}
