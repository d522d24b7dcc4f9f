package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bxiemu.engine.phold.PholdParameters;
import org.junit.jupiter.api.Test;

class PholdDeterminismTest {
    private final PholdParameters params = PholdRuns.small(64, 4, 0.5, 3_000);

    @Test
    void sameDigestForPartitionCountsAndFusion() {
        RunResult reference = PholdRuns.run(params, 7, 1, true);
        assertTrue(reference.events() > 1000, "the run handled events: " + reference.events());
        for (int partitions : new int[] {1, 2, 3}) {
            for (boolean fusion : new boolean[] {true, false}) {
                RunResult r = PholdRuns.run(params, 7, partitions, fusion);
                assertEquals(reference.digest(), r.digest(), "partitions=" + partitions + " fusion=" + fusion);
                assertEquals(reference.events(), r.events());
                assertEquals(partitions, r.partitions());
            }
        }
    }

    @Test
    void tinyChunksAndOneCreditGiveTheSameResult() {
        // every window's traffic split into many 3-event chunks, sent one at a time per peer
        EngineSettings base = EngineSettings.from(com.typesafe.config.ConfigFactory.load());
        EngineSettings starved = new EngineSettings(true, java.util.OptionalInt.of(3), base.componentsPerPartition(), base.lookahead(), base.localLookahead(), 3, 1,
                base.jvmStartTimeoutSeconds(), false, TraceFilter.ALL);
        RunResult reference = PholdRuns.run(params, 9, 1, true);
        RunResult r = PholdRuns.run(params, 9, starved);
        assertEquals(reference.digest(), r.digest());
        assertEquals(reference.pendingEvents(), r.pendingEvents());
        assertTrue(r.crossPartitionEvents() > 100 * 3, "many chunks were needed: " + r.crossPartitionEvents());
    }

    @Test
    void repeatedRunsAgreeAndSeedsDiffer() {
        RunResult a = PholdRuns.run(params, 11, 2, true);
        RunResult b = PholdRuns.run(params, 11, 2, true);
        RunResult c = PholdRuns.run(params, 12, 2, true);
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
    }

    @Test
    void populationIsConservedAndEveryEventSentIsReceived() {
        for (int partitions : new int[] {1, 3}) {
            RunResult r = PholdRuns.run(params, 5, partitions, partitions == 1);
            long population = (long) params.lps() * params.population();
            assertEquals(population, r.pendingEvents(), "population stays constant");
            assertEquals(population, r.counterSum("engine.events.pending"));
            long sent = r.counterSum("engine.events.sent");
            long handled = r.counterSum("engine.events.handled");
            assertEquals(handled, r.events());
            // every event sent was either handled or is still pending
            assertEquals(sent, handled + r.pendingEvents());
            if (partitions > 1) assertTrue(r.crossPartitionEvents() > 0, "events crossed partitions");
        }
    }
}
