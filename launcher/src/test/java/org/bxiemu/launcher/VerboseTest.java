package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --verbose}: the engine's decisions on stderr, stdout untouched; quiet otherwise. */
class VerboseTest {
    private static String logged(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Cli.Outcome o = Cli.run(args);
            assertEquals(Main.OK, o.code(), o.err());
            assertFalse(o.out().contains("INFO"), "nothing of the log on stdout");
        } finally {
            System.setErr(saved);
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.bxiemu")).setLevel(null);
            System.clearProperty("BXIEMU_LOG_LEVEL");
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verboseShowsTheRunsSetUpAndEndQuietShowsNothing() {
        String verbose = logged("bench", "ipc", "--round-trips", "5", "--verbose");
        // the format is logback's (the tests' logback-test.xml differs from the shipped one)
        assertTrue(verbose.contains("INFO") && verbose.contains("Conductor") && verbose.contains("starting:")
                && verbose.contains("local lookahead 30ns"), verbose);
        assertTrue(verbose.contains("finished:"), verbose);
        String quiet = logged("bench", "ipc", "--round-trips", "5");
        assertFalse(quiet.contains("INFO"), quiet);
    }
}
