package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.bxiemu.launcher.output.ResultsDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace}: a valid Chrome/Perfetto trace-event file with a track per core and NIC. */
class TraceTest {
    private static JsonNode trace(Path out, String... args) throws IOException {
        Cli.Outcome o = Cli.run(args);
        assertEquals(Main.OK, o.code(), o.err());
        Path run = ResultsDirectory.runs(out).get(0);
        return new ObjectMapper().readTree(run.resolve("trace.json").toFile());
    }

    @Test
    void coresGetATrackWithTheirTimeCategories(@TempDir Path out) throws IOException {
        JsonNode t = trace(out, "run", "../examples/uintr-latency/config.conf", "--trace", "--out", out.toString());
        Set<String> tracks = new HashSet<>();
        Set<String> categories = new HashSet<>();
        double last = 0;
        for (JsonNode e : t.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("M")) {
                if (e.get("name").asText().equals("thread_name")) tracks.add(e.get("args").get("name").asText());
                continue;
            }
            assertTrue(ph.equals("X") || ph.equals("i"), "complete or instant events: " + e);
            assertTrue(e.get("ts").isNumber() && e.get("pid").isInt() && e.get("tid").isInt(), e.toString());
            if (ph.equals("X")) assertTrue(e.get("dur").asDouble() > 0, e.toString());
            categories.add(e.get("cat").asText());
            last = Math.max(last, e.get("ts").asDouble());
        }
        assertTrue(tracks.contains("n0000.core0") && tracks.contains("n0000.core1"), tracks.toString());
        for (String c : Set.of("compute", "library", "interrupt-delivery", "handler", "kernel", "idle")) {
            assertTrue(categories.contains(c), c + " in " + categories);
        }
        assertTrue(last > 1000, "the trace spans the 1 ms of the run (us): " + last);
    }

    @Test
    void windowAndNodesBoundTheTrace(@TempDir Path out) throws IOException {
        JsonNode t = trace(out, "run", "../examples/network-pingpong/config.conf", "--trace-window", "1us..3us",
                "--trace-nodes", "n0001", "--out", out.toString());
        boolean nic = false;
        for (JsonNode e : t.get("traceEvents")) {
            if (e.get("ph").asText().equals("M")) {
                String name = e.get("args").get("name").asText();
                assertFalse(name.startsWith("n0000"), "node 0 is not traced: " + name);
                nic |= name.equals("n0001.nic");
                continue;
            }
            double ts = e.get("ts").asDouble();
            double end = ts + (e.has("dur") ? e.get("dur").asDouble() : 0);
            assertTrue(ts >= 1.0 && end <= 3.0, "inside the window: " + e);
        }
        assertTrue(nic, "the NIC of node 1 has a track");
    }
}
