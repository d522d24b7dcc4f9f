package org.bxiemu.engine;

/**
 * The emulator could not complete the run: a JVM was lost, a component threw, or the causality
 * guard fired. The launcher prints the message and exits with code 3.
 */
public class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message, null, false, false);
    }
}
