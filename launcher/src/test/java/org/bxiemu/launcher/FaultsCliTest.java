package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.faults.FaultKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault plans through the command line: {@code --faults FILE} and {@code --set faults=…}, the
 * digest of a faulty run across runs and JVM counts, a crash's exit code, the plan in
 * summary.json and the trace, and {@code describe faults}.
 */
class FaultsCliTest {
    /** A 2-level fat tree of k = 4: leaves sw0000-sw0003 (down ports p0-p3, up ports p4-p7), tops sw0004-sw0007. */
    private static final String[] SMALL_TREE = {"--set", "switch.fat-tree.k=4", "--set", "switch.fat-tree.uplinks=4"};

    private static final String PLAN = """
            faults = [
              {kind = packet-loss, targets = "links:*", start = 0us, rate = 0.02}
              {kind = link-delay, targets = "links:sw000[0-3].p*", start = 0us, delay = 200ns, distribution = uniform}
              {kind = os-noise, targets = "nodes:*", start = 0us, length = 1us, period = 20us, jitter = 5us}
              {kind = link-down, targets = "link:sw0000.p4", start = 5us, duration = 40us, detection = 2us}
            ]
            """;

    private static Cli.Outcome allreduce(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("bench", "osu-allreduce", "--ranks", "8", "--ranks-per-node", "1",
                "--sizes", "8B:8B", "--iterations", "10", "--json", "--out", out.toString()));
        args.addAll(List.of(SMALL_TREE));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aFaultyRunHasOneDigestAcrossRunsAndJvmCounts(@TempDir Path tmp) throws IOException {
        Path plan = tmp.resolve("plan.conf");
        Files.writeString(plan, PLAN);
        Cli.Outcome clean = allreduce(tmp.resolve("out"));
        Cli.Outcome once = allreduce(tmp.resolve("out"), "--faults", plan.toString());
        Cli.Outcome again = allreduce(tmp.resolve("out"), "--faults", plan.toString());
        Cli.Outcome twoJvms = allreduce(tmp.resolve("out"), "--faults", plan.toString(), "--jvms", "2");
        for (Cli.Outcome o : List.of(clean, once, again, twoJvms)) assertEquals(Main.OK, o.code(), o.err());
        String digest = once.json().get("digest").asText();
        assertNotEquals(clean.json().get("digest").asText(), digest, "the faults changed the run");
        assertEquals(digest, again.json().get("digest").asText());
        assertEquals(digest, twoJvms.json().get("digest").asText(), "--jvms 2");
        assertEquals(2, twoJvms.json().get("jvms").asInt());
        assertEquals(once.json().get("events").asLong(), twoJvms.json().get("events").asLong());
    }

    @Test
    void theSetOptionReplacesTheListAndFaultsFileAppendsToIt(@TempDir Path tmp) throws IOException {
        Path plan = tmp.resolve("plan.conf");
        Files.writeString(plan, PLAN);
        Cli.Outcome o = allreduce(tmp.resolve("out"), "--set",
                "faults=[{kind = interrupt-delay, targets = \"nodes:*\", start = 1us, duration = 5us, delay = 1us}]",
                "--faults", plan.toString());
        assertEquals(Main.OK, o.code(), o.err());
        JsonNode faults = o.json().get("faults");
        // --faults is applied before --set, which wins: only the --set entry remains
        assertEquals(1, faults.size(), faults.toString());
        assertEquals("interrupt-delay", faults.get(0).get("kind").asText());
        assertEquals(1_000_000, faults.get(0).get("start_ps").asLong());
        assertEquals(6_000_000, faults.get(0).get("end_ps").asLong());
        assertEquals(1_000_000, faults.get(0).get("delay_ps").asLong());
    }

    @Test
    void aNodeCrashEndsTheJobWithExitCodeOneNamingTheRank(@TempDir Path tmp) {
        Cli.Outcome o = Cli.run("bench", "osu-allreduce", "--ranks", "4", "--ranks-per-node", "1", "--sizes", "8B:8B",
                "--iterations", "200", "--set", "switch.fat-tree.k=2", "--set", "switch.fat-tree.uplinks=2",
                "--set", "mpi.wait-timeout=200us", "--set",
                "faults=[{kind = node-crash, targets = \"node:n0003\", start = 60us}]", "--out", tmp.toString());
        assertEquals(Main.JOB_FAILED, o.code(), o.err());
        assertTrue(o.err().contains("no progress from rank(s) 3"), o.err());
        assertTrue(o.err().contains("mpi.wait-timeout"), o.err());
    }

    @Test
    void summaryAndTraceShowTheFaultsWithTheirTimes(@TempDir Path tmp) throws IOException {
        Path plan = tmp.resolve("plan.conf");
        Files.writeString(plan, PLAN);
        Path out = tmp.resolve("out");
        Cli.Outcome o = allreduce(out, "--faults", plan.toString(), "--trace");
        assertEquals(Main.OK, o.code(), o.err());
        Path dir;
        try (var dirs = Files.list(out)) {
            dir = dirs.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        JsonNode faults = summary.findValue("faults");
        assertTrue(faults != null && faults.isArray() && faults.size() == 4, String.valueOf(faults));
        JsonNode linkDown = faults.get(3);
        assertEquals("link-down", linkDown.get("kind").asText());
        assertEquals(5_000_000, linkDown.get("start_ps").asLong());
        assertEquals(45_000_000, linkDown.get("end_ps").asLong());
        assertEquals("link:sw0000.p4", linkDown.get("targets").get(0).asText());
        String trace = Files.readString(dir.resolve("trace.json"));
        assertTrue(trace.contains("\"name\":\"link-down link:sw0000.p4 (faults[3]) starts\""), "the entry's start");
        assertTrue(trace.contains("\"name\":\"link-down link:sw0000.p4 (faults[3]) ends\""), "the entry's end");
        assertTrue(trace.contains("\"name\":\"reroute\""), "the switches' reroutes");
    }

    @Test
    void describeFaultsListsEveryKindWithItsParameters() {
        Cli.Outcome o = Cli.run("describe", "faults");
        assertEquals(Main.OK, o.code(), o.err());
        for (FaultKind kind : FaultKind.values()) {
            assertTrue(o.out().contains("kind " + kind.configName() + " (targets: "), kind.configName());
            for (String p : kind.parameters()) {
                assertTrue(o.out().contains("fault-kinds." + kind.configName() + "." + p + " = "), kind + "." + p);
            }
        }
        assertTrue(o.out().contains("Unit: duration"));
    }
}
