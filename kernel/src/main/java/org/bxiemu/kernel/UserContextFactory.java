package org.bxiemu.kernel;

import org.bxiemu.kernel.process.ThreadSpec;

/** Makes the user-space half of a new thread from its spec (the node's program registry). */
@FunctionalInterface
public interface UserContextFactory {
    UserContext create(int tid, int pid, ThreadSpec spec);
}
