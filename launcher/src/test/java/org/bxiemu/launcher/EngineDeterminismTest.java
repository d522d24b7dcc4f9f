package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every progression engine gives the same results on one JVM or two. */
class EngineDeterminismTest {
    /** 16 ranks across two leaves, one a node. */
    @ParameterizedTest
    @CsvSource({"poll,2", "signal,2", "eventfd,2", "progress-thread,2", "xui,2", "idle-poll,2", "idle-poll,1",
            "offload,2"})
    void sameDigestOnOneOrTwoJvms(String engine, int cores) {
        assertSameDigestOnOneOrTwoJvms(engine + " on " + cores + " cores", "bench", "osu-iallreduce", "--ranks", "16",
                "--sizes", "4KiB:4KiB", "--iterations", "1", "--progress", engine, "--set", "core.uintr.tracked=on",
                "--set", "node.device-forwarding=on", "--set", "node.cores=" + cores, "--json");
    }

    /**
     * Two ranks a node (32 ranks across two leaves): shared memory's notifications too (polling,
     * SENDUIPI, eventfd writes).
     */
    @ParameterizedTest
    @CsvSource({"poll", "uintr", "eventfd"})
    void sameDigestOnOneOrTwoJvmsWithSharedMemory(String engine) {
        assertSameDigestOnOneOrTwoJvms(engine + " with shared memory", "bench", "osu-iallreduce", "--ranks", "32",
                "--ranks-per-node", "2", "--sizes", "4KiB:4KiB", "--iterations", "1", "--progress", engine,
                "--set", "node.cores=4", "--json");
    }

    /** Runs {@code one} (a --json command whose events cross partitions) on one JVM, then on two. */
    private static void assertSameDigestOnOneOrTwoJvms(String what, String... one) {
        Cli.Outcome a = Cli.run(one);
        assertEquals(Main.OK, a.code(), a.err());
        assertTrue(a.json().get("cross_partition_events").asLong() > 0);
        String[] two = java.util.Arrays.copyOf(one, one.length + 2);
        two[one.length] = "--jvms";
        two[one.length + 1] = "2";
        Cli.Outcome b = Cli.run(two);
        assertEquals(Main.OK, b.code(), b.err());
        assertEquals(a.json().get("digest").asText(), b.json().get("digest").asText(), what);
    }
}
