package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The question bxiemu exists for, at 1 MiB on 16 ranks (OSU's method: compute equal to the pure
 * communication time between post and wait). Polling overlaps nothing; a progress thread on a
 * spare core and idle-core polling overlap most of it (and burn that core); user interrupts
 * overlap what is communication, but the reductions and copies of an allreduce run in their
 * handler on the computing core, so an allreduce's overlap stays below a bcast's, and rises
 * when that local work is made cheap.
 */
class OverlapTest {
    private static double overlap(String benchmark, String engine, String... extra) {
        List<String> args = new ArrayList<>(List.of("bench", benchmark, "--ranks", "16", "--sizes", "1MiB:1MiB",
                "--iterations", "2", "--progress", engine, "--json"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        Cli.Outcome o = Cli.run(args.toArray(String[]::new));
        assertEquals(Main.OK, o.code(), o.err());
        return o.json().get("rows").get(0).get("overlap_pct").asDouble();
    }

    @Test
    void nonBlockingAllreduceOverlapByEngine() {
        double poll = overlap("osu-iallreduce", "poll");
        double uintr = overlap("osu-iallreduce", "uintr");
        double thread = overlap("osu-iallreduce", "progress-thread", "node.cores=2");
        double idle = overlap("osu-iallreduce", "idle-poll", "node.cores=2");
        String all = "poll " + poll + ", uintr " + uintr + ", progress-thread " + thread + ", idle-poll " + idle;
        assertTrue(poll < 30, all);
        assertTrue(uintr > poll + 30, all);
        assertTrue(thread > 70, all);
        assertTrue(idle > 70, all);
        double cheapLocalWork = overlap("osu-iallreduce", "uintr", "mpi.costs.reduce-bandwidth=1000GB/s",
                "mpi.costs.copy-bandwidth=1000GB/s");
        assertTrue(cheapLocalWork > uintr + 15,
                "the handlers' reductions and copies are what uintr cannot hide: " + cheapLocalWork + " vs " + uintr);
    }

    @Test
    void userInterruptsOverlapMostOfAPureCommunicationCollective() {
        double poll = overlap("osu-ibcast", "poll");
        double uintr = overlap("osu-ibcast", "uintr");
        assertTrue(poll < 30, "poll " + poll);
        assertTrue(uintr > 80, "uintr " + uintr);
    }
}
