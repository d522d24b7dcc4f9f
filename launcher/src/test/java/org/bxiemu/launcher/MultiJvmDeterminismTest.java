package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The invariant of DESIGN.md §2: a run's digest is a function of (configuration, seed) only —
 * not of the JVM count (real child JVMs), partitions per JVM, or fusion.
 */
class MultiJvmDeterminismTest {
    private static final String[] PHOLD = {"bench", "phold", "--lps", "192", "--population", "4", "--end", "3us",
            "--remote", "0.5", "--json"};

    private static JsonNode phold(int jvms, int partitionsPerJvm, boolean fusion) {
        return phold(jvms, partitionsPerJvm, fusion, 42);
    }

    private static JsonNode phold(int jvms, int partitionsPerJvm, boolean fusion, long seed) {
        List<String> args = new ArrayList<>(List.of(PHOLD));
        args.addAll(List.of("--seed", String.valueOf(seed)));
        args.addAll(List.of("--jvms", String.valueOf(jvms),
                "--set", "engine.partitions-per-jvm=" + partitionsPerJvm,
                "--set", "engine.fusion=" + (fusion ? "on" : "off")));
        Cli.Outcome o = Cli.run(args.toArray(String[]::new));
        assertEquals(Main.OK, o.code(), o.err());
        JsonNode json = o.json();
        assertEquals(jvms, json.get("jvms").asInt());
        assertEquals(jvms > 1 ? jvms : 0, json.get("cluster_members").asInt(), "every JVM joined the cluster");
        assertEquals(jvms * partitionsPerJvm, json.get("partitions").asInt());
        return json;
    }

    @Test
    void digestIsTheSameAcrossJvmCountsPartitionsAndFusion() {
        JsonNode reference = phold(1, 1, true);
        String digest = reference.get("digest").asText();
        long events = reference.get("events").asLong();
        assertTrue(events > 10_000, "a run with substance: " + events + " events");
        // three runs for each JVM count, covering 1 and 2 partitions per JVM and fusion on and off
        int[][] runs = {
            {1, 2, 0}, {1, 1, 0},
            {2, 1, 1}, {2, 2, 0}, {2, 2, 1},
            {3, 1, 1}, {3, 2, 0}, {3, 1, 0},
        };
        for (int[] r : runs) {
            JsonNode json = phold(r[0], r[1], r[2] == 1);
            String where = "jvms=" + r[0] + " partitions/JVM=" + r[1] + " fusion=" + (r[2] == 1);
            assertEquals(digest, json.get("digest").asText(), where);
            assertEquals(events, json.get("events").asLong(), where);
            assertEquals(reference.get("virtual_time_ps").asLong(), json.get("virtual_time_ps").asLong(), where);
            // conservation across JVMs: the population is still all there at the end
            assertEquals(192 * 4, json.get("pending_events").asLong(), where);
            // every event sent was handled exactly once or is still pending
            assertEquals(json.get("events_sent").asLong(),
                    json.get("events").asLong() + json.get("pending_events").asLong(), where);
            if (r[0] * r[1] > 1) assertTrue(json.get("cross_partition_events").asLong() > 0, where);
        }
    }

    @Test
    void anotherSeedGivesAnotherDigestOnSeveralJvms() {
        String a = phold(2, 1, true).get("digest").asText();
        String b = phold(2, 1, true, 43).get("digest").asText();
        assertNotEquals(a, b);
    }
}
