package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * Bruck's alltoall for short messages (Bruck et al. 1997; MPICH {@code MPIR_Alltoall_intra_brucks}),
 * any p:
 * <ol>
 *   <li>local rotation: scratch block i = send block (r + i) mod p;</li>
 *   <li>for k = 0..⌈lg p⌉-1: pack the blocks whose index has bit 2^k set, send them in one message
 *       to r + 2^k, receive as many from r - 2^k and unpack them to the same indices (a block that
 *       started at index i on rank s travels along the set bits of i and ends at index i on
 *       s + i);</li>
 *   <li>local inverse rotation: receive block (r - i) mod p = scratch block i.</li>
 * </ol>
 * Packing and unpacking are local Copy rounds; when the selected indices are one contiguous run the
 * message is sent straight from the scratch buffer.
 */
public final class BruckAlltoall extends AbstractAlgorithm {
    public static final String NAME = "bruck";

    public BruckAlltoall() {
        super(NAME, Collective.ALLTOALL);
    }

    @Override
    Schedule build(int rank, int size, CollectiveArgs args) {
        AlltoallArgs a = AlltoallArgs.of(args, size);
        ScheduleBuilder b = new ScheduleBuilder();
        if (size == 1) {
            b.copy(a.sendBlock(0), a.recvBlock(0));
            return b.build();
        }
        int blk = a.block();
        boolean real = real(a.send(), a.recv());
        Datatype dt = a.send().datatype();
        Buffer tmp = b.scratch(dt, size * blk, real);
        int maxSelected = 0;
        for (int pof = 1; pof < size; pof <<= 1) {
            maxSelected = Math.max(maxSelected, selected(pof, size));
        }
        Buffer packed = b.scratch(dt, maxSelected * blk, real);
        Buffer incoming = b.scratch(dt, maxSelected * blk, real);
        // Phase 1: rotation.
        b.copy(a.send().slice(rank * blk, (size - rank) * blk), tmp.slice(0, (size - rank) * blk));
        if (rank > 0) {
            b.copy(a.send().slice(0, rank * blk), tmp.slice((size - rank) * blk, rank * blk));
        }
        b.round();
        // Phase 2: communication.
        for (int pof = 1; pof < size; pof <<= 1) {
            List<int[]> runs = runs(pof, size);
            int k = selected(pof, size);
            Slice out;
            if (runs.size() == 1) {
                out = tmp.slice(runs.get(0)[0] * blk, k * blk);
            } else {
                int at = 0;
                for (int[] run : runs) {
                    b.copy(tmp.slice(run[0] * blk, run[1] * blk), packed.slice(at, run[1] * blk));
                    at += run[1] * blk;
                }
                b.round();
                out = packed.slice(0, k * blk);
            }
            b.send(mod(rank + pof, size), out);
            b.recv(mod(rank - pof, size), incoming.slice(0, k * blk));
            b.round();
            int at = 0;
            for (int[] run : runs) {
                b.copy(incoming.slice(at, run[1] * blk), tmp.slice(run[0] * blk, run[1] * blk));
                at += run[1] * blk;
            }
            b.round();
        }
        // Phase 3: inverse rotation.
        for (int i = 0; i < size; i++) {
            b.copy(tmp.slice(i * blk, blk), a.recvBlock(mod(rank - i, size)));
        }
        return b.build();
    }

    /** Number of indices in [0, p) with bit {@code pof} set. */
    private static int selected(int pof, int size) {
        int n = 0;
        for (int[] run : runs(pof, size)) {
            n += run[1];
        }
        return n;
    }

    /** Maximal runs {start, length} of indices in [0, p) with bit {@code pof} set. */
    private static List<int[]> runs(int pof, int size) {
        List<int[]> runs = new ArrayList<>();
        for (int start = pof; start < size; start += 2 * pof) {
            runs.add(new int[] {start, Math.min(pof, size - start)});
        }
        return runs;
    }

    /**
     * ⌈lg p⌉α + (n/2)⌈lg p⌉β, n the bytes a rank sends in total (MPICH comments; Thakur,
     * Rabenseifner &amp; Gropp 2005, §4.6; exact for powers of two, where every step moves half of
     * the blocks).
     */
    @Override
    public double idealTime(int p, long bytes, CostModel m) {
        int lg = ceilLog2(p);
        return lg * m.alpha() + bytes / 2.0 * lg * m.beta();
    }
}
