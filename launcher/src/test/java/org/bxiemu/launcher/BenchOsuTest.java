package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code bench osu-*}: OSU's tables and JSON rows from MPI jobs on the emulated cluster. */
class BenchOsuTest {
    @Test
    void latencyGrowsWithSizeAndTheRowsFollowOsu() {
        Cli.Outcome o = Cli.run("bench", "osu-latency", "--sizes", "8B:64KiB", "--iterations", "3", "--json");
        assertEquals(Main.OK, o.code(), o.err());
        assertTrue(o.out().contains("# OSU MPI Latency Test"), o.out());
        JsonNode rows = o.json().get("rows");
        assertEquals(14, rows.size(), "8 B to 64 KiB");
        double small = rows.get(0).get("avg_us").asDouble();
        assertTrue(small > 0.5 && small < 5, "8-byte MPI latency on BXI: " + small + " us");
        assertTrue(rows.get(13).get("avg_us").asDouble() > rows.get(0).get("avg_us").asDouble());
    }

    @Test
    void nonBlockingAllreduceReportsOverlapAndUserInterruptsOverlapMore() {
        JsonNode poll = Cli.run("bench", "osu-iallreduce", "--ranks", "4", "--sizes", "256KiB:256KiB", "--iterations",
                "2", "--progress", "poll", "--json").json();
        Cli.Outcome u = Cli.run("bench", "osu-iallreduce", "--ranks", "4", "--sizes", "256KiB:256KiB", "--iterations",
                "2", "--progress", "uintr", "--json");
        assertEquals(Main.OK, u.code(), u.err());
        JsonNode uintr = u.json();
        JsonNode row = uintr.get("rows").get(0);
        for (String k : new String[] {"size", "overall_us", "comm_us", "compute_us", "overlap_pct"}) {
            assertTrue(row.has(k), k + " in " + row);
        }
        double p = poll.get("rows").get(0).get("overlap_pct").asDouble();
        double i = row.get("overlap_pct").asDouble();
        assertTrue(p < 30, "polling overlaps little: " + p);
        assertTrue(i > p + 20, "user interrupts overlap more: " + i + " vs " + p);
        assertEquals("uintr", uintr.get("progress").asText());
    }

    @Test
    void badEngineOrRanksAreRefused() {
        Cli.Outcome o = Cli.run("bench", "osu-allreduce", "--progress", "telepathy");
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().contains("mpi.progress: unknown engine 'telepathy'"), o.err());
        Cli.Outcome r = Cli.run("bench", "osu-allreduce", "--ranks", "6", "--ranks-per-node", "4");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--ranks: 6 is not a multiple of --ranks-per-node 4"), r.err());
    }

    @Test
    void anMpiJobAcrossLeavesGivesTheSameDigestOnOneJvmOrTwo() {
        String[] args = {"bench", "osu-iallreduce", "--ranks", "16", "--sizes", "8B:1KiB", "--iterations", "1",
                "--progress", "uintr", "--set", "engine.partitions-per-jvm=2", "--json"};
        Cli.Outcome one = Cli.run(args);
        assertEquals(Main.OK, one.code(), one.err());
        assertTrue(one.json().get("cross_partition_events").asLong() > 0, "16 nodes span two leaf switches");
        String[] two = java.util.Arrays.copyOf(args, args.length + 2);
        two[args.length] = "--jvms";
        two[args.length + 1] = "2";
        Cli.Outcome o2 = Cli.run(two);
        assertEquals(Main.OK, o2.code(), o2.err());
        assertEquals(one.json().get("digest").asText(), o2.json().get("digest").asText());
        assertEquals(one.json().get("rows"), o2.json().get("rows"));
    }
}
