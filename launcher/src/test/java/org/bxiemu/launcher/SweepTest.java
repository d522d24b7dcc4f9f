package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run.sweep}: one run per entry, then a comparison; bad entries refused before any run. */
class SweepTest {
    private static Path config(Path dir, String sweep) throws IOException {
        Path c = dir.resolve("sweep.conf");
        Files.writeString(c, """
                run.platform = cluster
                cluster.fabric = on
                switch.topology = star
                switch.star.nodes = 4
                job.program = osu-iallreduce
                osu.sizes = "4KiB:4KiB"
                osu.iterations = 1
                run.sweep = %s
                """.formatted(sweep));
        return c;
    }

    @Test
    void eachEngineRunsAndTheComparisonShowsWhereTheCpuWent(@TempDir Path dir) throws IOException {
        Path c = config(dir, "[{mpi.progress = poll}, {mpi.progress = uintr}]");
        Cli.Outcome o = Cli.run("run", c.toString(), "--json", "--out", dir.resolve("out").toString());
        assertEquals(Main.OK, o.code(), o.err());
        assertTrue(o.out().contains("## mpi.progress=poll") && o.out().contains("## mpi.progress=uintr"), o.out());
        JsonNode rows = o.json().get("comparison");
        assertEquals(2, rows.size());
        JsonNode poll = rows.get(0);
        JsonNode uintr = rows.get(1);
        assertEquals("mpi.progress=poll", poll.get("run").asText());
        assertEquals(0.0, poll.get("cpu_handler_us").asDouble(), "polling takes no interrupts");
        assertTrue(uintr.get("cpu_handler_us").asDouble() > 0 && uintr.get("cpu_interrupt_us").asDouble() > 0);
        assertTrue(uintr.get("overlap_pct").asDouble() > poll.get("overlap_pct").asDouble());
        Path run = org.bxiemu.launcher.output.ResultsDirectory.runs(dir.resolve("out")).get(0);
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("Chart.js v4") && report.contains("new Chart("), "Chart.js inlined and used");
        assertTrue(!report.contains("<script src=") && !report.contains("<link "),
                "self-contained: nothing fetched from the network");
        assertTrue(report.contains("\"run\":\"mpi.progress=uintr\"") && report.contains("overlap_pct"), "the data");
        assertTrue(Files.readString(run.resolve("README.txt")).contains("report.html"));
        JsonNode runs = o.json().get("runs");
        assertNotEquals(runs.get(0).get("digest").asText(), runs.get(1).get("digest").asText());
    }

    @Test
    void aBadEntryIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path c = config(dir, "[{mpi.progress = poll}, {mpi.progres = uintr}]");
        Cli.Outcome o = Cli.run("run", c.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().contains("unknown key 'mpi.progres' (run.sweep[1] at " + c + ":8); did you mean 'mpi.progress'?"),
                o.err());
        assertEquals("", o.out(), "nothing ran");
    }
}
