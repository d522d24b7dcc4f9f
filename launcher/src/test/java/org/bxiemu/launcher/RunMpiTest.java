package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MPI jobs through {@code run}: an MPI error in a rank fails the job (exit 1) and names the rank. */
class RunMpiTest {
    private static final String MOTIF = "../examples/mpi-motif-overlap/config.conf";

    @Test
    void aTruncatedReceiveFailsTheJobNamingTheRank() {
        Cli.Outcome o = Cli.run("run", MOTIF, "--set",
                "motif.steps=[{op=isend, to=\"+1\", size=1KiB, name=s}, {op=recv, from=\"-1\", size=8B}, {op=wait, name=s}]");
        assertEquals(Main.JOB_FAILED, o.code(), o.err());
        String err = o.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("bxiemu: job failed: program "), err);
        assertTrue(err.matches(".*: rank [0-3]: message of 1024 B from rank [0-3].*"), "names the rank: " + err);
        assertTrue(err.contains("MPI_ERR_TRUNCATE"), err);
        assertEquals("", o.out(), "nothing on stdout");
    }

    @Test
    void aDeadlockedJobFailsAtTheWaitTimeoutNamingTheRanks() {
        Cli.Outcome o = Cli.run("run", MOTIF, "--set", "motif.steps=[{op=recv, from=\"+1\", size=8B}]", "--set",
                "mpi.wait-timeout=2ms");
        assertEquals(Main.JOB_FAILED, o.code(), o.err());
        String err = o.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches("bxiemu: job failed: program motif-[0-3] failed at 2[.0-9]*ms: rank [0-3]: wait for a receive"
                + " from rank [0-3] timed out after 2ms \\(mpi.wait-timeout\\); no progress from rank\\(s\\) [0-3] .*"), err);
    }

    @Test
    void aJobStillRunningAtTheEndOfTheRunFailsNamingTheThreadsStillThere() {
        // the run ends (run.end) before any wait times out
        Cli.Outcome o = Cli.run("run", MOTIF, "--set", "motif.steps=[{op=recv, from=\"+1\", size=8B}]", "--set",
                "run.end=1ms");
        assertEquals(Main.JOB_FAILED, o.code(), o.err());
        String err = o.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("bxiemu: job failed: the job did not finish"), err);
        assertTrue(err.contains("4 of its threads were still there") && err.contains(".motif"), err);
    }
}
