package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bxiemu.engine.Emulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lost JVM ends the run cleanly and fast; no JVM is ever left behind. */
class JvmLossTest {
    /** Long enough (tens of seconds) that the kill surely lands mid-run. */
    private static final String[] LONG_RUN = {"bench", "phold", "--lps", "1024", "--population", "16", "--end", "1ms",
            "--jvms", "3"};

    @AfterEach
    void resetObserver() {
        Launch.childObserver = Emulation.ChildObserver.NONE;
    }

    @Test
    void killingAChildEndsTheRunWithExitCode3AndNoOrphans() throws Exception {
        CompletableFuture<List<Long>> children = new CompletableFuture<>();
        Launch.childObserver = children::complete;
        CompletableFuture<Cli.Outcome> run = CompletableFuture.supplyAsync(() -> Cli.run(LONG_RUN));
        List<Long> pids = children.get(60, TimeUnit.SECONDS);
        assertEquals(2, pids.size());
        Thread.sleep(4000); // let the windows roll
        assertFalse(run.isDone(), "the run is still going when the child is killed");
        long killedAt = System.nanoTime();
        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
        Cli.Outcome o = run.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(Main.EMULATOR_FAILED, o.code(), o.err());
        assertTrue(seconds < 30, "ended " + seconds + " s after the kill");
        assertTrue(o.err().contains("run failed: JVM 1 lost (process " + pids.get(0) + " exited with code "),
                o.err());
        assertTrue(o.err().contains("at virtual time "), o.err());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "JVM " + pid + " is gone");
        }
    }

    @Test
    void childrenDieWithAKilledParent() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(LONG_RUN));
        Process parent = new ProcessBuilder(cmd).redirectOutput(new File("/dev/null"))
                .redirectError(new File("/dev/null")).start();
        try {
            List<ProcessHandle> kids = waitForChildren(parent.toHandle(), 2, 60);
            Thread.sleep(3000);
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (ProcessHandle kid : kids) {
                while (kid.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
                assertFalse(kid.isAlive(), "child " + kid.pid() + " outlived its parent");
            }
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    private static List<ProcessHandle> waitForChildren(ProcessHandle parent, int count, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> kids = parent.children().toList();
            if (kids.size() >= count) return kids;
            Thread.sleep(100);
        }
        throw new AssertionError("the parent did not start " + count + " child JVMs within " + seconds + " s");
    }
}
