package org.bxiemu.engine;

/**
 * Input that bxiemu refuses: a configuration value, a platform or a command-line argument.
 * The launcher prints its message as one line and exits with code 2, without a stack trace,
 * so the message must name what is wrong and where.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message, null, false, false);
    }
}
