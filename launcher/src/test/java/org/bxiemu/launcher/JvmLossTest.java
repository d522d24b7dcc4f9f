package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bxiemu.engine.Emulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void killingAChildEndsTheRunWithinTenSecondsWithExitCode3PartialResultsAndNoOrphans(@TempDir Path out)
            throws Exception {
        CompletableFuture<List<Long>> children = new CompletableFuture<>();
        Launch.childObserver = children::complete;
        List<String> args = new ArrayList<>(List.of(LONG_RUN));
        args.addAll(List.of("--out", out.toString()));
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        CompletableFuture<Cli.Outcome> run = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            int code = Main.execute(args.toArray(String[]::new), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            return new Cli.Outcome(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        });
        List<Long> pids = children.get(60, TimeUnit.SECONDS);
        assertEquals(2, pids.size());
        // kill once the windows roll (the first progress line, at 10 % of the virtual time)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!errBytes.toString(StandardCharsets.UTF_8).contains("virtual ") && !run.isDone()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(run.isDone(), "the run is still going when the child is killed: " + errBytes);
        long killedAt = System.nanoTime();
        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
        Cli.Outcome o = run.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(Main.EMULATOR_FAILED, o.code(), o.err());
        assertTrue(seconds < 10, "ended " + seconds + " s after the kill");

        // one line names the JVM (index and pid) and the virtual time reached
        List<String> lost = o.err().lines().filter(l -> l.contains("lost")).toList();
        assertEquals(1, lost.size(), o.err());
        Matcher m = Pattern.compile("bxiemu: run failed: JVM 1 lost \\(process " + pids.get(0)
                + " exited with code \\d+\\) at virtual time (\\S+)").matcher(lost.get(0));
        assertTrue(m.matches(), lost.get(0));
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());

        // partial results, complete files only, marked partial, with the time the line names
        List<Path> runs = org.bxiemu.launcher.output.ResultsDirectory.runs(out);
        assertEquals(1, runs.size(), runs.toString());
        try (Stream<Path> all = Files.list(out)) {
            assertEquals(1, all.count(), "no staging directory is left behind");
        }
        JsonNode summary = new ObjectMapper().readTree(runs.get(0).resolve("summary.json").toFile());
        assertTrue(summary.get("partial").asBoolean(), summary.toString());
        long reached = summary.get("figures").get("virtual_time_reached_ps").asLong();
        assertTrue(reached > 0, "the run got somewhere before the kill: " + reached);
        assertEquals(m.group(1), org.bxiemu.engine.units.Durations.format(reached));
        assertTrue(summary.get("figures").get("events").asLong() > 0, summary.toString());
        assertTrue(summary.get("partial_reason").asText().startsWith("JVM 1 lost"), summary.toString());
        String readme = Files.readString(runs.get(0).resolve("README.txt"));
        assertTrue(readme.contains("PARTIAL RESULTS: the run did not finish (JVM 1 lost"), readme);
        assertTrue(o.err().contains("partial results: " + runs.get(0)), o.err());

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
