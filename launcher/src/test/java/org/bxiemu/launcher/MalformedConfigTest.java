package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/malformed-configs/} is a configuration with one mistake;
 * its first line, {@code # expect: …}, holds the message fragment it must produce, where
 * {@code {file}} stands for the file as given on the command line and {@code {dir}} for its
 * folder. {@code ./bxiemu run FILE} must refuse it before anything runs: exit 2, one line on
 * stderr naming the place (and the key, where there is one), no stack trace, nothing on stdout and
 * nothing under --out. Included parts live in {@code parts/} and are not cases themselves.
 */
class MalformedConfigTest {
    private static final Path DIR = Path.of("src", "test", "resources", "malformed-configs");
    private static final String EXPECT = "# expect: ";

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreAtLeastTwentyFiveAndEachSaysWhatItExpects() throws IOException {
        List<Path> all = cases().toList();
        assertTrue(all.size() >= 25, "malformed configurations: " + all.size());
        for (Path p : all) {
            String first = Files.readAllLines(p).get(0);
            assertTrue(first.startsWith(EXPECT), p + " starts with '" + EXPECT + "…'");
            assertTrue(first.contains("{file}") || first.contains("{dir}"), p + ": the message must name the file");
            assertTrue(p.getFileName().toString().matches("[0-9]{2}-[a-z0-9-]+\\.conf"), p + " is named NN-name.conf");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedBeforeAnythingRuns(Path file, @TempDir Path tmp) throws IOException {
        String expected = Files.readAllLines(file).get(0).substring(EXPECT.length()).strip()
                .replace("{file}", file.toString()).replace("{dir}", DIR.toString());
        Path out = tmp.resolve("out");
        Cli.Outcome o = Cli.run("run", file.toString(), "--out", out.toString());
        String err = o.err().strip();
        assertEquals(Main.BAD_INPUT, o.code(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("bxiemu: "), err);
        assertTrue(err.contains(expected), "expected «" + expected + "» in «" + err + "»");
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertEquals("", o.out(), "nothing on stdout");
        assertFalse(Files.exists(out), "nothing written under --out");
    }
}
