package org.bxiemu.mpi.collective;

/**
 * Bruck's allgather (Bruck et al. 1997; MPICH {@code MPIR_Allgather_intra_brucks}) for any p:
 * blocks are gathered in a scratch buffer in the order r, r+1, ..., r+p-1 (mod p); in step k rank r
 * sends its first min(2^k, p - 2^k) blocks to r - 2^k and receives as many from r + 2^k, appending
 * them. ⌈lg p⌉ communication rounds, then a local rotation into the receive buffer.
 */
public final class BruckAllgather extends AbstractAlgorithm {
    public static final String NAME = "bruck";

    public BruckAllgather() {
        super(NAME, Collective.ALLGATHER);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        AllgatherArgs a = AllgatherArgs.of(args, size);
        return schedule(rank, size, a);
    }

    static Schedule schedule(int rank, int size, AllgatherArgs a) {
        ScheduleBuilder b = new ScheduleBuilder();
        if (size == 1) {
            b.copy(a.send().all(), a.block(0));
            return b.build();
        }
        int blk = a.block();
        Buffer tmp = b.scratch(a.send().datatype(), size * blk, real(a.send(), a.recv()));
        b.copy(a.send().all(), tmp.slice(0, blk));
        for (int pof = 1; pof < size; pof <<= 1) {
            int cnt = Math.min(pof, size - pof);
            b.send(mod(rank - pof, size), pof == 1 ? a.send().all() : tmp.slice(0, cnt * blk));
            b.recv(mod(rank + pof, size), tmp.slice(pof * blk, cnt * blk));
            b.round();
        }
        // tmp block i holds rank (rank + i) mod p's block.
        b.copy(tmp.slice(0, (size - rank) * blk), a.blocks(rank, size - rank));
        if (rank > 0) {
            b.copy(tmp.slice((size - rank) * blk, rank * blk), a.blocks(0, rank));
        }
        return b.build();
    }

    /** ⌈lg p⌉α + ((p-1)/p)nβ, n the total gathered bytes (Thakur, Rabenseifner &amp; Gropp 2005, §4.1). */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        return ceilLog2(p) * m.alpha() + (p - 1) / (double) p * bytes * m.beta();
    }
}
