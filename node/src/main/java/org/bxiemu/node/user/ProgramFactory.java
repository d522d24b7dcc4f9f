package org.bxiemu.node.user;

import org.bxiemu.kernel.process.ThreadSpec;

/** Makes the main program of a new thread. */
@FunctionalInterface
public interface ProgramFactory {
    ThreadProgram create(int tid, int pid, ThreadSpec spec);
}
