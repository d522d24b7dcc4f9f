package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The textbook formulas, recomputed by hand: α = 2, β = 0.5, γ = 0.25 (exact in binary). */
class IdealTimeTest {

    static final CostModel M = new CostModel(2, 0.5, 0.25);
    static final double EPS = 1e-9;

    double t(CollectiveAlgorithm a, int p, long n) {
        return a.idealTime(p, n, M);
    }

    @Test
    void barrier() {
        assertEquals(3 * 2, t(new DisseminationBarrier(), 8, 0), EPS);
        assertEquals(3 * 2, t(new DisseminationBarrier(), 5, 0), EPS);
        assertEquals(0, t(new DisseminationBarrier(), 1, 0), EPS);
    }

    @Test
    void bcast() {
        assertEquals(3 * (2 + 512), t(new BinomialBcast(), 8, 1024), EPS);
        // p = 9: rank 7 gets the data over 0 → 4 (the root's second send, one nβ after its first),
        // 4 → 6 and 6 → 7 (first sends): 3(α + nβ) + nβ, not the one-send-at-a-time 4(α + nβ)
        assertEquals(3 * (2 + 512) + 512, t(new BinomialBcast(), 9, 1024), EPS);
        // with a sender gap above nβ the root's sends are g apart: p = 6, n = 8, rank 3 via 0 → 2 → 3
        assertEquals(2 * (2 + 4) + 5, new BinomialBcast().idealTime(6, 8, new CostModel(2, 0.5, 0.25, 5)), EPS);
        // a power of two is the textbook figure whatever the gap (below α + nβ)
        assertEquals(3 * (2 + 512), new BinomialBcast().idealTime(8, 1024, new CostModel(2, 0.5, 0.25, 500)), EPS);
        // (lg p + p - 1)α + 2 (p-1)/p n β = 10·2 + 2·(7/8)·512
        assertEquals(20 + 896, t(new ScatterAllgatherBcast(), 8, 1024), EPS);
    }

    @Test
    void reduceAndAllreduce() {
        assertEquals(3 * (2 + 512 + 256), t(new BinomialReduce(), 8, 1024), EPS);
        assertEquals(3 * (2 + 512 + 256), t(new RecursiveDoublingAllreduce(), 8, 1024), EPS);
        // p = 6: 2 full steps + fold (α+nβ+nγ) + unfold (α+nβ)
        assertEquals(2 * (2 + 512 + 256) + (2 + 512 + 256) + (2 + 512), t(new RecursiveDoublingAllreduce(), 6, 1024), EPS);
        // 2 lg p α + 2 (p-1)/p nβ + (p-1)/p nγ = 12 + 896 + 224
        assertEquals(12 + 896 + 224, t(new RabenseifnerAllreduce(), 8, 1024), EPS);
        // p = 12 → the p' = 8 figure plus fold and unfold
        assertEquals(12 + 896 + 224 + (2 + 512 + 256) + (2 + 512), t(new RabenseifnerAllreduce(), 12, 1024), EPS);
        // 2(p-1)α + 2(p-1)/p nβ + (p-1)/p nγ = 28 + 896 + 224
        assertEquals(28 + 896 + 224, t(new RingAllreduce(), 8, 1024), EPS);
        assertEquals(2 * 4 * 2 + 2 * 0.8 * 1000 * 0.5 + 0.8 * 1000 * 0.25, t(new RingAllreduce(), 5, 1000), EPS);
    }

    @Test
    void allgatherGatherScatter() {
        assertEquals(7 * (2 + 128 * 0.5), t(new RingAllgather(), 8, 1024), EPS);
        assertEquals(3 * 2 + 448, t(new RecursiveDoublingAllgather(), 8, 1024), EPS);
        assertEquals(3 * 2 + 448, t(new BruckAllgather(), 8, 1024), EPS);
        assertEquals(3 * 2 + 0.8 * 1000 * 0.5, t(new BruckAllgather(), 5, 1000), EPS);
        assertEquals(3 * 2 + 448, t(new BinomialGather(), 8, 1024), EPS);
        assertEquals(3 * 2 + 448, t(new BinomialScatter(), 8, 1024), EPS);
    }

    @Test
    void alltoall() {
        // ⌈lg p⌉α + (n/2)⌈lg p⌉β = 6 + 512·3·0.5
        assertEquals(6 + 768, t(new BruckAlltoall(), 8, 1024), EPS);
        assertEquals(7 * (2 + 64), t(new PairwiseAlltoall(), 8, 1024), EPS);
    }

    @Test
    void everyAlgorithmCostsNothingOnOneRankWithoutData() {
        for (CollectiveAlgorithm a : CollectiveSelector.allAlgorithms()) {
            assertEquals(0, a.idealTime(1, 0, M), EPS, a.toString());
        }
    }
}
