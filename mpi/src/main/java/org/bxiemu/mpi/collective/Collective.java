package org.bxiemu.mpi.collective;

/**
 * The collective operations. For each, the "message size" {@code bytes} used by {@link
 * CollectiveSelector} and {@link CollectiveAlgorithm#idealTime} is the one MPICH's selection uses
 * and {@link CollectiveArgs#messageBytes(int)} computes.
 */
public enum Collective {
    /** No data; bytes = 0. */
    BARRIER,
    /** bytes = size of the broadcast buffer. */
    BCAST,
    /** bytes = size of the vector reduced (one rank's contribution). */
    REDUCE,
    /** bytes = size of the vector reduced (one rank's contribution). */
    ALLREDUCE,
    /** bytes = total gathered bytes (p blocks). */
    ALLGATHER,
    /** bytes = total bytes one rank sends (p blocks, one per destination, its own included). */
    ALLTOALL,
    /** bytes = total gathered bytes at the root (p blocks). */
    GATHER,
    /** bytes = total scattered bytes at the root (p blocks). */
    SCATTER
}
