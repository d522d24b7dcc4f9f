package org.bxiemu.mpi;

/** A rank's program: plain sequential Java against {@link Mpi}, one instance per rank. */
@FunctionalInterface
public interface RankProgram {
    void run(Mpi mpi) throws Exception;
}
