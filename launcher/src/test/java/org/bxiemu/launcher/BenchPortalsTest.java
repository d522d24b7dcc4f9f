package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code bench portals}: OSU-style figures that follow the configured fabric, on one JVM or two. */
class BenchPortalsTest {
    private static final String TREE = "../configs/platforms/bxi-fat-tree-64.conf";
    /** 100 Gb/s carries 12,500 MB/s, of which 4096 / (4096 + 64) is payload with 4 KiB packets. */
    private static final double PAYLOAD_RATE = 12_500.0 * 4096 / (4096 + 64);

    @Test
    void largeMessagesReachTheLinkRateLessTheHeaderOverhead() {
        Cli.Outcome o = Cli.run("bench", "portals", "--set", "switch.topology=star", "--set", "switch.star.nodes=2",
                "--set", "engine.partitions-per-jvm=1", "--max-size", "1MiB", "--iterations", "4", "--window", "8",
                "--json");
        assertEquals(Main.OK, o.code(), o.err());
        double mbs = o.json().get("bandwidth").get(21).get("mb_s").asDouble();
        assertTrue(mbs > 0.995 * PAYLOAD_RATE && mbs <= PAYLOAD_RATE,
                "1 MiB Puts: " + mbs + " MB/s of " + PAYLOAD_RATE + " MB/s of payload the link can carry");
    }

    @Test
    void figuresFollowTheFabricAndDoNotDependOnTheJvmCount() {
        Cli.Outcome one = Cli.run("bench", "portals", "--platform", TREE, "--max-size", "16KiB", "--iterations", "2",
                "--window", "16", "--json");
        assertEquals(Main.OK, one.code(), one.err());
        assertTrue(one.out().contains("Latency (us)") && one.out().contains("Bandwidth (MB/s)"), one.out());
        JsonNode json = one.json();
        JsonNode latency = json.get("latency");
        JsonNode bandwidth = json.get("bandwidth");
        assertEquals(16, latency.size(), "sizes 0, 1, 2, ... 16 KiB");
        assertEquals(0, latency.get(0).get("size").asLong());
        assertEquals(16 * 1024, latency.get(15).get("size").asLong());
        for (int i = 1; i < latency.size(); i++) {
            assertTrue(latency.get(i).get("us").asDouble() >= latency.get(i - 1).get("us").asDouble(),
                    "latency grows with size");
        }
        double largest = bandwidth.get(15).get("mb_s").asDouble();
        assertTrue(largest > 0.85 * PAYLOAD_RATE && largest <= PAYLOAD_RATE, largest + " MB/s");
        assertTrue(json.get("message_rate").asLong() > 1_000_000);
        assertEquals(0, json.get("pending_events").asLong(), "the benchmark ran to completion");

        Cli.Outcome two = Cli.run("bench", "portals", "--platform", TREE, "--max-size", "16KiB", "--iterations", "2",
                "--window", "16", "--json", "--jvms", "2");
        assertEquals(Main.OK, two.code(), two.err());
        assertEquals(json.get("digest").asText(), two.json().get("digest").asText(), "same digest on two JVMs");
        assertTrue(two.json().get("cross_partition_events").asLong() > 0, "partitions cut at switch links");
    }

    @Test
    void fasterLinksLowerTheSerialisationPart() {
        JsonNode slow = Cli.run("bench", "portals", "--set", "switch.topology=star", "--set", "switch.star.nodes=2",
                "--max-size", "64KiB", "--iterations", "1", "--window", "4", "--json").json();
        JsonNode fast = Cli.run("bench", "portals", "--set", "switch.topology=star", "--set", "switch.star.nodes=2",
                "--set", "switch.link-bandwidth=200Gb/s", "--max-size", "64KiB", "--iterations", "1", "--window", "4",
                "--json").json();
        double slow64k = slow.get("latency").get(17).get("us").asDouble();
        double fast64k = fast.get("latency").get(17).get("us").asDouble();
        // 64 KiB + 16 headers of 64 B at 100 Gb/s take 5.33 us; at 200 Gb/s half of it
        assertEquals(5.325 / 2, slow64k - fast64k, 0.01, "slow " + slow64k + " us, fast " + fast64k + " us");
    }
}
