package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bxiemu.launcher.output.ProgressPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress on stderr: one line per 10 % of the virtual time when stderr is not a terminal, a live
 * line (at most once a second) when it is; each says the virtual time reached, events/s,
 * windows/s, JVMs and ETA. Nothing of it on stdout.
 */
class ProgressTest {
    private static final Pattern LINE = Pattern.compile(
            "bxiemu: +([0-9]+)%  virtual (\\S+)  [0-9.]+ M events/s  [0-9]+ windows/s  ([0-9]+) JVMs?  ETA ([0-9]+) s");
    private static final long US = 1_000_000L;

    @Test
    void notOnATerminalOneLinePerTenthOfTheRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] clock = {0};
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100 * US, true, 2, false,
                () -> clock[0]);
        for (int w = 0; w <= 100; w++) {
            clock[0] += 1_000_000_000L; // a second of wall time per window of 1 us
            p.windowDone(w, w * US, w * 1000L);
        }
        p.done();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(9, lines.size(), "10 % .. 90 %: " + lines);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(10 * (i + 1), Integer.parseInt(m.group(1)));
            assertEquals(10 * (i + 1) + "us", m.group(2));
            assertEquals("2", m.group(3));
            // the clock starts at the first window: at k % after k s, 100 - k s remain
            assertEquals(String.valueOf(100 - 10 * (i + 1)), m.group(4), "ETA: " + lines.get(i));
        }
    }

    @Test
    void aRunThatEndsWithItsJobPrintsALineEveryTenSecondsWithoutPercentOrEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] clock = {0};
        // a cap of 1 s of virtual time, a job that ends at 100 us: percentages would stay at 0 %
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1_000_000 * US,
                false, 1, false, () -> clock[0]);
        for (int w = 0; w <= 100; w++) {
            clock[0] += 1_000_000_000L; // a second of wall time per window of 1 us: 100 s in all
            p.windowDone(w, w * US, w * 1000L);
        }
        p.done();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), "one line per 10 s: " + lines);
        Pattern unknownEnd = Pattern.compile("bxiemu: virtual (\\S+)  [0-9.]+ M events/s  [0-9]+ windows/s  1 JVM");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = unknownEnd.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(10 * (i + 1) + "us", m.group(1));
        }
    }

    @Test
    void onATerminalOneLiveLineAtMostOnceASecond() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] clock = {0};
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100 * US, true, 1, true,
                () -> clock[0]);
        for (int w = 0; w <= 100; w++) {
            clock[0] += 250_000_000L; // a quarter of a second per window: 25 s in all
            p.windowDone(w, w * US, w * 1000L);
        }
        p.done();
        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] updates = text.split("\r");
        assertEquals(25 + 1, updates.length, "one update per second, each starting with a carriage return: " + text);
        assertTrue(text.endsWith("\n"), "done() ends the live line");
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "the updates overwrite one line");
        Matcher last = LINE.matcher(updates[updates.length - 1].strip());
        assertTrue(last.matches(), updates[updates.length - 1]);
        assertEquals("1", last.group(3));
    }

    @Test
    void aRunPrintsItsProgressOnStderrAndNothingOfItOnStdout(@TempDir Path dir) {
        // two partitions: windows end often (a lone partition runs one window, see the next test)
        Cli.Outcome o = Cli.run("bench", "phold", "--lps", "64", "--end", "20us", "--set",
                "engine.partitions-per-jvm=2", "--out", dir.toString());
        assertEquals(Main.OK, o.code(), o.err());
        List<Integer> percents = new ArrayList<>();
        for (String line : o.err().lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) percents.add(Integer.parseInt(m.group(1)));
        }
        assertTrue(percents.size() >= 5, "progress lines on stderr: " + o.err());
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) / 10 > percents.get(i - 1) / 10, "one line per tenth: " + percents);
        }
        assertFalse(o.out().contains("ETA") || o.out().contains("\r"), "stdout holds results only: " + o.out());
    }
}
