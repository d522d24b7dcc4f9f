package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code bench traffic}: incast queues at the receiver's link rate; all-to-all lands every Put, deterministically. */
class BenchTrafficTest {
    private static JsonNode incast(int senders) {
        Cli.Outcome o = Cli.run("bench", "traffic", "--set", "switch.topology=star", "--set", "switch.star.nodes=9",
                "--pattern", "incast", "--senders", String.valueOf(senders), "--size", "4KiB", "--rounds", "8", "--json");
        assertEquals(Main.OK, o.code(), o.err());
        return o.json();
    }

    @Test
    void incastDrainsAtTheReceiversLinkRateAndQueueingGrowsWithSenders() {
        JsonNode two = incast(2);
        JsonNode eight = incast(8);
        assertEquals(16, two.get("puts").asLong());
        assertEquals(64, eight.get("puts").asLong());
        double rate = eight.get("aggregate_gb_s").asDouble();
        assertTrue(rate > 85 && rate < 100, "8 senders share one 100 Gb/s link: " + rate + " Gb/s of payload");
        assertTrue(eight.get("latency_mean_ps").asLong() > 2 * two.get("latency_mean_ps").asLong(),
                "queueing delay grows with the number of senders");
    }

    @Test
    void allToAllLandsEveryPutWhateverThePartitioning() {
        String[] args = {"bench", "traffic", "--platform", "../configs/platforms/bxi-fat-tree-64.conf", "--pattern",
                "all-to-all", "--size", "2KiB", "--json"};
        Cli.Outcome one = Cli.run(concat(args, "--set", "engine.partitions-per-jvm=1"));
        Cli.Outcome three = Cli.run(concat(args, "--set", "engine.partitions-per-jvm=3", "--set", "engine.fusion=off"));
        assertEquals(Main.OK, one.code(), one.err());
        assertEquals(Main.OK, three.code(), three.err());
        assertEquals(64 * 63, one.json().get("puts").asLong());
        assertEquals(one.json().get("digest").asText(), three.json().get("digest").asText());
        assertEquals(one.json().get("completion_ps").asLong(), three.json().get("completion_ps").asLong());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
