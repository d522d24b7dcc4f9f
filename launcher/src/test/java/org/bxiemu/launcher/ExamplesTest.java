package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example is a test: {@code examples/<name>/config.conf} is run (with the options in its
 * {@code args} file, if any) and its output, less the
 * lines that measure the host (wall time, events/s), must equal {@code expected.out} — virtual
 * timestamps and digests included. Run with {@code -Dbxiemu.examples.update=true} to rewrite the
 * expected outputs after a deliberate model change (and read the diff).
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final List<String> HOST_LINES = List.of("  wall ", "  events/s ");

    @TempDir
    static Path results;

    @TestFactory
    Stream<DynamicTest> everyExampleReproducesItsExpectedOutput() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            String only = System.getProperty("bxiemu.examples.only", "");
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("config.conf")))
                    .filter(d -> only.isEmpty() || d.getFileName().toString().equals(only)).sorted().toList();
        }
        assertTrue(dirs.size() >= 5 || System.getProperty("bxiemu.examples.only") != null, "examples found: " + dirs);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("README.md")), dir + " has a README.md");
        List<String> args = new java.util.ArrayList<>(List.of("run", dir.resolve("config.conf").toString(), "--out",
                results.toString()));
        // options the example's README runs it with (e.g. --jvms 2), one line, in a file named args
        if (Files.isRegularFile(dir.resolve("args"))) {
            args.addAll(List.of(Files.readString(dir.resolve("args"), StandardCharsets.UTF_8).strip().split("\\s+")));
        }
        Cli.Outcome o = Cli.run(args.toArray(String[]::new));
        assertEquals(Main.OK, o.code(), o.err());
        String actual = deterministic(o.out());
        Path expected = dir.resolve("expected.out");
        if (Boolean.getBoolean("bxiemu.examples.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(expected), dir + " has no expected.out (run with -Dbxiemu.examples.update=true)");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, dir.getFileName() + ": output changed");
    }

    private static String deterministic(String out) {
        return out.lines().filter(l -> HOST_LINES.stream().noneMatch(l::startsWith))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
