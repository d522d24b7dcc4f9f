package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bxiemu.launcher.output.ResultsDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results directories (summary.json, CSV tables, README.txt) and {@code compare}. */
class ResultsTest {
    @Test
    void outputDirInTheConfigurationIsWhereResultsGoAndOutSetsIt(@TempDir Path tmp) throws IOException {
        Path viaConfig = tmp.resolve("from-config");
        Cli.Outcome o = Cli.run("bench", "ipc", "--round-trips", "5", "--set", "output.dir=\"" + viaConfig + "\"");
        assertEquals(Main.OK, o.code(), o.err());
        assertEquals(1, ResultsDirectory.runs(viaConfig).size(), o.err());
        Path viaOption = tmp.resolve("from-option");
        Cli.Outcome p = Cli.run("bench", "ipc", "--round-trips", "5", "--set", "output.dir=\"" + viaConfig + "\"",
                "--out", viaOption.toString());
        assertEquals(Main.OK, p.code(), p.err());
        assertEquals(1, ResultsDirectory.runs(viaOption).size(), "--out wins over the files: " + p.err());
        assertEquals(1, ResultsDirectory.runs(viaConfig).size());
    }

    @Test
    void aRunWritesItsSummaryTablesAndReadme(@TempDir Path out) throws IOException {
        Cli.Outcome o = Cli.run("bench", "ipc", "--round-trips", "20", "--out", out.toString(), "--json");
        assertEquals(Main.OK, o.code(), o.err());
        List<Path> runs = ResultsDirectory.runs(out);
        assertEquals(1, runs.size());
        Path run = runs.get(0);
        assertTrue(run.getFileName().toString().startsWith("bench-ipc-"), run.toString());
        assertTrue(o.err().contains("results: " + run), o.err());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("bench ipc --round-trips 20 --out " + out + " --json", summary.get("command").asText());
        assertEquals(o.json().get("digest").asText(), summary.get("figures").get("digest").asText());
        assertEquals("1.5us", summary.get("configuration").get("kernel").get("context-switch").asText(),
                "the resolved configuration, defaults included");
        assertEquals(20, summary.get("configuration").get("ipc-bench").get("round-trips").asInt());
        assertTrue(summary.get("versions").has("java"));
        List<String> relative = Files.readAllLines(run.resolve("relative.csv"));
        assertEquals("name,value", relative.get(0));
        assertEquals(7, relative.size(), "a header and six mechanisms");
        assertTrue(relative.get(1).startsWith("uintr,1.0"), relative.get(1));
        List<String> counters = Files.readAllLines(run.resolve("counters.csv"));
        assertEquals("kind,counter,components,sum", counters.get(0));
        assertTrue(counters.stream().anyMatch(l -> l.startsWith("core,core.time.total,4,")), "the four cores' totals");
        String readme = Files.readString(run.resolve("README.txt"));
        assertTrue(readme.contains("summary.json") && readme.contains("relative.csv"), readme);
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "no staging directory left behind");
        }
    }

    @Test
    void compareNamesTheChangedKeyAndTheFiguresItMoved(@TempDir Path out) throws IOException {
        assertEquals(Main.OK, Cli.run("bench", "ipc", "--round-trips", "20", "--out", out.toString()).code());
        assertEquals(Main.OK, Cli.run("bench", "ipc", "--round-trips", "20", "--out", out.toString(), "--set",
                "kernel.eventfd.write=1us").code());
        List<Path> runs = ResultsDirectory.runs(out);
        assertEquals(2, runs.size(), "two runs in the same second get distinct directories");
        Cli.Outcome c = Cli.run("compare", runs.get(0).toString(), runs.get(1).toString());
        assertEquals(Main.OK, c.code(), c.err());
        assertTrue(c.out().contains("kernel.eventfd.write: 770ns -> 1us"), c.out());
        assertTrue(c.out().contains("latency_ns.eventfd: 6791.0 -> 7021.0"), c.out());
        assertTrue(!c.out().contains("latency_ns.pipe"), "an unchanged figure is not listed: " + c.out());
        Cli.Outcome same = Cli.run("compare", runs.get(0).toString(), runs.get(0).toString());
        assertTrue(same.out().contains("(identical)") && same.out().contains("same digest"), same.out());
        Cli.Outcome bad = Cli.run("compare", runs.get(0).toString(), out.resolve("nothing").toString());
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("is not a results directory (no summary.json)"), bad.err());
    }
}
