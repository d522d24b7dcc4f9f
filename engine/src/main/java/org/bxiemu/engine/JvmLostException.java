package org.bxiemu.engine;

/**
 * A JVM of the run was lost (its process exited or its cluster member became unreachable or was
 * removed). Carries how far the run got, so the launcher can write partial results.
 *
 * @param virtualTimeReached every event before this time (ps) was processed on every JVM
 * @param events             events the partitions reported processed so far
 * @param windows            windows completed
 */
public final class JvmLostException extends RunFailedException {
    private final long virtualTimeReached;
    private final long events;
    private final long windows;

    public JvmLostException(String message, long virtualTimeReached, long events, long windows) {
        super(message);
        this.virtualTimeReached = virtualTimeReached;
        this.events = events;
        this.windows = windows;
    }

    public long virtualTimeReached() {
        return virtualTimeReached;
    }

    public long events() {
        return events;
    }

    public long windows() {
        return windows;
    }
}
