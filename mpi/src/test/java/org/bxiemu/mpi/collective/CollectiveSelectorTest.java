package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectiveSelectorTest {

    final CollectiveSelector sel = new CollectiveSelector();

    String pick(Collective c, long bytes, int p) {
        return sel.select(c, bytes, p).name();
    }

    @Test
    void bcastSwitchesToScatterAllgatherAt12KiBFromEightRanks() {
        assertEquals("binomial", pick(Collective.BCAST, 12287, 8));
        assertEquals("scatter-allgather", pick(Collective.BCAST, 12288, 8));
        assertEquals("binomial", pick(Collective.BCAST, 1 << 20, 7));
        assertEquals("scatter-allgather", pick(Collective.BCAST, 1 << 20, 1024));
    }

    @Test
    void allreduceIsRecursiveDoublingUpTo2KiBThenRabenseifnerThenRing() {
        assertEquals("recursive-doubling", pick(Collective.ALLREDUCE, 0, 16));
        assertEquals("recursive-doubling", pick(Collective.ALLREDUCE, 2048, 16));
        assertEquals("rabenseifner", pick(Collective.ALLREDUCE, 2049, 16));
        assertEquals("rabenseifner", pick(Collective.ALLREDUCE, (1 << 20) - 1, 12));
        assertEquals("ring", pick(Collective.ALLREDUCE, 1 << 20, 16));
    }

    @Test
    void allgatherFollowsMpich() {
        assertEquals("recursive-doubling", pick(Collective.ALLGATHER, 524287, 8));
        assertEquals("ring", pick(Collective.ALLGATHER, 524288, 8));
        assertEquals("bruck", pick(Collective.ALLGATHER, 81919, 6));
        assertEquals("ring", pick(Collective.ALLGATHER, 81920, 6));
    }

    @Test
    void alltoallIsBruckForShortBlocksOnEightRanksOrMore() {
        assertEquals("bruck", pick(Collective.ALLTOALL, 8 * 256, 8));
        assertEquals("pairwise", pick(Collective.ALLTOALL, 8 * 257, 8));
        assertEquals("pairwise", pick(Collective.ALLTOALL, 7 * 16, 7));
    }

    @Test
    void singleAlgorithmCollectives() {
        assertEquals("dissemination", pick(Collective.BARRIER, 0, 5));
        assertEquals("binomial", pick(Collective.REDUCE, 1 << 30, 5));
        assertEquals("binomial", pick(Collective.GATHER, 1, 5));
        assertEquals("binomial", pick(Collective.SCATTER, 1, 5));
    }

    @Test
    void thresholdsComeFromTheConstructor() {
        CollectiveSelector s = new CollectiveSelector(
                new CollectiveSelector.Thresholds(100, 2, 10, 1000, 50, 60, 4, 2));
        assertEquals("scatter-allgather", s.select(Collective.BCAST, 100, 2).name());
        assertEquals("binomial", s.select(Collective.BCAST, 99, 4).name());
        assertEquals("recursive-doubling", s.select(Collective.ALLREDUCE, 10, 4).name());
        assertEquals("rabenseifner", s.select(Collective.ALLREDUCE, 11, 4).name());
        assertEquals("ring", s.select(Collective.ALLREDUCE, 1000, 4).name());
        assertEquals("recursive-doubling", s.select(Collective.ALLGATHER, 59, 4).name());
        assertEquals("ring", s.select(Collective.ALLGATHER, 60, 4).name());
        assertEquals("bruck", s.select(Collective.ALLTOALL, 8, 2).name());
        assertEquals("pairwise", s.select(Collective.ALLTOALL, 10, 2).name());
    }

    @Test
    void aForcedNameWins() {
        CollectiveAlgorithm a = sel.select(Collective.ALLREDUCE, 8, 16, Optional.of("ring"));
        assertEquals("ring", a.name());
        assertEquals(Collective.ALLREDUCE, a.collective());
        assertEquals("pairwise", sel.select(Collective.ALLTOALL, 8, 16, Optional.of("pairwise")).name());
        assertEquals("scatter-allgather", sel.select(Collective.BCAST, 1, 2, Optional.of("scatter-allgather")).name());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sel.select(Collective.ALLREDUCE, 8, 16, Optional.of("butterfly")));
        assertTrue(e.getMessage().contains("butterfly"), e.getMessage());
        for (String known : new String[] {"recursive-doubling", "rabenseifner", "ring"}) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
        // a name of another collective's algorithm is unknown here
        assertThrows(IllegalArgumentException.class,
                () -> sel.select(Collective.ALLREDUCE, 8, 16, Optional.of("pairwise")));
        assertThrows(IllegalArgumentException.class, () -> sel.select(Collective.BCAST, 8, 0));
    }

    @Test
    void everyCollectiveHasAlgorithmsWithUniqueNames() {
        for (Collective c : Collective.values()) {
            Set<String> names = new HashSet<>();
            assertTrue(!CollectiveSelector.algorithms(c).isEmpty(), c.toString());
            for (CollectiveAlgorithm a : CollectiveSelector.algorithms(c)) {
                assertEquals(c, a.collective());
                assertTrue(names.add(a.name()), "duplicate " + a.name());
                assertEquals(a, CollectiveSelector.byName(c, a.name()));
            }
        }
        assertEquals(14, CollectiveSelector.allAlgorithms().size());
    }
}
