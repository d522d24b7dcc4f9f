package org.bxiemu.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runs {@code ./bxiemu …} in-process, as the script would, capturing exit code and streams. */
final class Cli {
    record Outcome(int code, String out, String err) {
        JsonNode json() {
            String[] lines = out.strip().split("\n");
            try {
                return new ObjectMapper().readTree(lines[lines.length - 1]);
            } catch (IOException e) {
                throw new UncheckedIOException("last stdout line is not JSON: " + out, e);
            }
        }
    }

    private Cli() {}

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
