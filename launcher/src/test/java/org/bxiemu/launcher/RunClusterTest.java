package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A job on a cluster of nodes, launched through the kernels' RPCs: the same run on one JVM or two. */
class RunClusterTest {
    private static final String JOB = "../configs/experiments/job-compute.conf";

    @Test
    void jobRunsToTheEndWithTheSameDigestOnOneOrTwoJvms() {
        Cli.Outcome one = Cli.run("run", JOB, "--json", "--set", "engine.partitions-per-jvm=2");
        assertEquals(Main.OK, one.code(), one.err());
        assertEquals(0, one.json().get("pending_events").asLong());
        assertTrue(one.json().get("cross_partition_events").asLong() > 0, "kernel RPCs cross partitions");
        Cli.Outcome two = Cli.run("run", JOB, "--json", "--jvms", "2", "--set", "engine.partitions-per-jvm=2");
        assertEquals(Main.OK, two.code(), two.err());
        assertEquals(one.json().get("digest").asText(), two.json().get("digest").asText());
        Cli.Outcome longer = Cli.run("run", JOB, "--json", "--set", "job.compute=300us");
        assertNotEquals(one.json().get("digest").asText(), longer.json().get("digest").asText(),
                "the digest follows the job");
    }

    @Test
    void jobLargerThanTheClusterIsRefused() {
        Cli.Outcome o = Cli.run("run", JOB, "--set", "job.ranks-per-node=5");
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().contains("job.ranks-per-node: 5 is out of range 1..4"), o.err());
    }
}
