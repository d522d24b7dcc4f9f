package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every progression engine gives the same results on one JVM or two (and, with shared memory, without fusion). */
class EngineDeterminismTest {
    /** Events must cross partitions on one JVM too (auto would give these small jobs one). */
    private static final String TWO_PARTITIONS = "engine.partitions-per-jvm=2";

    /** 16 ranks across two leaves, one a node. */
    @ParameterizedTest
    @CsvSource({"poll,2", "signal,2", "eventfd,2", "progress-thread,2", "xui,2", "idle-poll,2", "idle-poll,1",
            "offload,2"})
    void sameDigestOnOneOrTwoJvms(String engine, int cores) {
        assertSameDigestOnOneOrTwoJvms(engine + " on " + cores + " cores", "bench", "osu-iallreduce", "--ranks", "16",
                "--sizes", "4KiB:4KiB", "--iterations", "1", "--progress", engine, "--set", "core.uintr.tracked=on",
                "--set", "node.device-forwarding=on", "--set", "node.cores=" + cores, "--set", TWO_PARTITIONS, "--json");
    }

    /**
     * Two ranks a node (32 ranks across two leaves): shared memory's notifications too (polling,
     * SENDUIPI, eventfd writes). Also without fusion: a node's cores, kernel and NIC then handle
     * their batches concurrently, which gives the same results only if everything they share
     * changes hands through their messages.
     */
    @ParameterizedTest
    @CsvSource({"poll", "uintr", "eventfd"})
    void sameDigestOnOneOrTwoJvmsWithSharedMemory(String engine) {
        String[] run = {"bench", "osu-iallreduce", "--ranks", "32", "--ranks-per-node", "2", "--sizes", "4KiB:4KiB",
            "--iterations", "1", "--progress", engine, "--set", "node.cores=4", "--set", TWO_PARTITIONS, "--json"};
        String digest = assertSameDigestOnOneOrTwoJvms(engine + " with shared memory", run);
        Cli.Outcome unfused = Cli.run(with(run, "--set", "engine.fusion=off"));
        assertEquals(Main.OK, unfused.code(), unfused.err());
        assertEquals(digest, unfused.json().get("digest").asText(), engine + " with shared memory, fusion off");
    }

    /** Runs {@code one} (a --json command whose events cross partitions) on one JVM, then on two; returns the digest. */
    private static String assertSameDigestOnOneOrTwoJvms(String what, String... one) {
        Cli.Outcome a = Cli.run(one);
        assertEquals(Main.OK, a.code(), a.err());
        assertTrue(a.json().get("cross_partition_events").asLong() > 0);
        Cli.Outcome b = Cli.run(with(one, "--jvms", "2"));
        assertEquals(Main.OK, b.code(), b.err());
        assertEquals(a.json().get("digest").asText(), b.json().get("digest").asText(), what);
        return a.json().get("digest").asText();
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
