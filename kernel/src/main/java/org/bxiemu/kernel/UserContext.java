package org.bxiemu.kernel;

/**
 * The user-space half of a thread: its program, its frames, its user-interrupt registers. The
 * kernel keeps it with the thread and hands it to the core that runs the thread; only the node's
 * cores look inside (a node's components share a partition, so it passes by reference).
 */
public interface UserContext {
    /** The run is over: release what the user code holds (e.g. the virtual thread of a fiber). */
    default void close() {}
}
