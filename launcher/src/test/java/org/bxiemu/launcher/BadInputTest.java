package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad command lines and configurations: one clear line on stderr, exit 2, nothing on stdout. */
class BadInputTest {

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"frobnicate"}, "Unmatched argument at index 0: 'frobnicate'"),
                Arguments.of(new String[] {"bench"}, "which benchmark? (available: phold, portals, traffic, ipc, uintr, osu-latency, osu-bw, osu-barrier, osu-bcast, osu-allreduce, osu-alltoall, osu-ibcast, osu-iallreduce, osu-ialltoall)"),
                Arguments.of(new String[] {"bench", "phold", "--lps", "many"}, "Invalid value for option '--lps': 'many' is not an int"),
                Arguments.of(new String[] {"bench", "phold", "--end", "10"}, "phold.end: '10' is not a duration"),
                Arguments.of(new String[] {"bench", "phold", "--end", "10parsecs"}, "phold.end: unknown time unit 'parsecs' in '10parsecs'"),
                Arguments.of(new String[] {"bench", "phold", "--end", "0.5ps"}, "phold.end: '0.5ps' is finer than one picosecond"),
                Arguments.of(new String[] {"bench", "phold", "--remote", "2"}, "phold.remote: 2.0 is not in 0..1"),
                Arguments.of(new String[] {"bench", "phold", "--lps", "0"}, "phold.lps: 0 is out of range 1..4194304"),
                Arguments.of(new String[] {"bench", "phold", "--jvms", "0"}, "--jvms: 0 is out of range 1..64"),
                Arguments.of(new String[] {"bench", "phold", "--set", "engine.fuson=off"}, "unknown key 'engine.fuson' (--set engine.fuson); did you mean 'engine.fusion'?"),
                Arguments.of(new String[] {"bench", "phold", "--set", "engine.fusion"}, "--set engine.fusion: expected key=value"),
                Arguments.of(new String[] {"bench", "phold", "--set", "engine.chunk-events=lots"}, "engine.chunk-events (--set engine.chunk-events): expected a number, got \"lots\" (a string)"),
                Arguments.of(new String[] {"bench", "phold", "--set", "engine.partitions-per-jvm=0"}, "engine.partitions-per-jvm: 0 is out of range 1..256"),
                Arguments.of(new String[] {"bench", "phold", "--set", "engine.lookahead=200ns"},
                        "link phold.mesh: latency 100ns is shorter than the lookahead 200ns that applies to it (engine.lookahead); lower engine.lookahead or lengthen the link"),
                Arguments.of(new String[] {"bench", "phold", "--set", "run.platform=dragonfly"}, "run.platform: unknown platform 'dragonfly' (known: phold, portals-bench, traffic-bench, ipc-bench, uintr-bench, cluster)"),
                Arguments.of(new String[] {"describe", "warp-drive"}, "describe: unknown component 'warp-drive' (components: cluster, core, engine, faults, ipc-bench, job, kernel, motif, mpi, nic, node, osu, output, phold, portals-bench, run, switch, traffic-bench, uintr-bench)"),
                Arguments.of(new String[] {"run", "no/such/file.conf"}, "no/such/file.conf: no such configuration file"),
                Arguments.of(new String[] {"bench", "portals", "--max-size", "1GiB"}, "portals-bench.max-size: must be 0B..64MiB"),
                Arguments.of(new String[] {"bench", "portals", "--set", "switch.link-bandwidth=-5Gb/s"},
                        "switch.link-bandwidth: '-5Gb/s' is not a bandwidth"),
                Arguments.of(new String[] {"bench", "portals", "--set", "switch.topology=hypercube"},
                        "switch.topology: unknown topology 'hypercube'"),
                Arguments.of(new String[] {"bench", "portals", "--set", "switch.routing=random"}, "switch.routing: unknown routing 'random'"),
                Arguments.of(new String[] {"bench", "portals", "--set", "switch.topology=star", "--set", "switch.star.nodes=70"},
                        "switch.star"),
                Arguments.of(new String[] {"bench", "traffic", "--pattern", "broadcast"},
                        "traffic-bench.pattern: unknown pattern 'broadcast' (known: all-to-all, incast)"),
                Arguments.of(new String[] {"bench", "traffic", "--pattern", "incast", "--senders", "100"},
                        "traffic-bench.senders: 100 senders need 101 nodes, the platform has 64"),
                Arguments.of(new String[] {"bench", "portals", "--set", "nic.ack-delay=600us"},
                        "nic.ack-delay: must be under half of nic.retransmit-timeout"),
                Arguments.of(new String[] {"bench", "ipc", "--set", "kernel.context-switch=1.5"},
                        "kernel.context-switch: '1.5' is not a cost (expected cycles such as 720cycles, or a duration such as 1.5us)"),
                Arguments.of(new String[] {"bench", "ipc", "--set", "node.cores=1"}, "node.cores: the IPC benchmark needs 2 cores, has 1"),
                Arguments.of(new String[] {"bench", "ipc", "--set", "node.sockets=3"}, "node.sockets: 3 must divide node.cores (4)"),
                Arguments.of(new String[] {"bench", "ipc", "--set", "core.uintr.trackd=on"},
                        "unknown key 'core.uintr.trackd' (--set core.uintr.trackd); did you mean 'core.uintr.tracked'?"),
                Arguments.of(new String[] {"bench", "ipc", "--set", "ipc-bench.mechanisms=[uintr,carrier-pigeon]"},
                        "ipc-bench.mechanisms: unknown mechanism 'carrier-pigeon'"),
                Arguments.of(new String[] {"bench", "ipc", "--round-trips", "0"}, "ipc-bench.round-trips: 0 is out of range 1..10000000"),
                Arguments.of(new String[] {"bench", "uintr", "--set", "core.frequency=fast"},
                        "core.frequency: 'fast' is not a frequency (expected e.g. 2.0GHz or 800MHz)"),
                Arguments.of(new String[] {"bench", "uintr", "--set", "core.turbo-frequency=1GHz"},
                        "core.turbo-frequency: 1GHz is below core.frequency 2GHz"),
                Arguments.of(new String[] {"run", "../configs/experiments/job-compute.conf", "--set", "run.platform=uintr-bench", "--set", "uintr-bench.source=pigeon"},
                        "uintr-bench.source: unknown source 'pigeon' (known: senduipi, kb-timer, device, flood)"),
                Arguments.of(new String[] {"run", "../configs/experiments/job-compute.conf", "--set", "job.placement=random"},
                        "job.placement: unknown placement 'random' (known: block, round-robin)"),
                Arguments.of(new String[] {"run", "../configs/experiments/job-compute.conf", "--set", "job.program=fortran"},
                        "job.program: no program named 'fortran' (known: compute, motif, mpi-"),
                Arguments.of(new String[] {"run", "../examples/mpi-motif-overlap/config.conf", "--set",
                        "motif.steps=[{op=dance}]"}, "motif.steps[0].op: unknown op 'dance'"),
                Arguments.of(new String[] {"run", "../examples/mpi-motif-overlap/config.conf", "--set",
                        "motif.steps=[{op=iallreduce, size=8B}]"}, "motif.steps[0]: a non-blocking step needs a name"),
                Arguments.of(new String[] {"run", "../examples/mpi-motif-overlap/config.conf", "--set",
                        "mpi.progress=xui"}, "mpi.progress: xui needs xUI hardware"),
                Arguments.of(new String[] {"run", "../examples/mpi-motif-overlap/config.conf", "--set",
                        "mpi.collectives.allreduce=telepathic"}, "mpi.collectives.allreduce: unknown allreduce algorithm 'telepathic'"),
                Arguments.of(new String[] {"bench", "ipc", "--trace-window", "5us"},
                        "engine.trace-window: '5us' is not FROM..TO (e.g. 10us..20us) or all"),
                Arguments.of(new String[] {"bench", "ipc", "--trace-window", "5us..2us"},
                        "engine.trace-window: the window must end after it starts"),
                Arguments.of(new String[] {"run", "../configs/experiments/job-compute.conf", "--set", "job.nodes=9"},
                        "job.nodes: 9 is out of range 1..8 (the cluster's nodes)"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void refusedWithOneClearLine(String[] args, String expected) {
        Cli.Outcome o = Cli.run(args);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertOneLine(o, expected);
    }

    @Test
    void unknownKeyInAFileNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("exp.conf");
        Files.writeString(conf, "run.platform = phold\nphold {\n  lsp = 12\n}\n");
        Cli.Outcome o = Cli.run("run", conf.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertOneLine(o, "unknown key 'phold.lsp' (" + conf + ":3); did you mean 'phold.lps'?");
    }

    @Test
    void syntaxErrorInAFileIsOneLine(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("broken.conf");
        Files.writeString(conf, "phold { lps = \n");
        Cli.Outcome o = Cli.run("run", conf.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().startsWith("bxiemu: " + conf), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    private static void assertOneLine(Cli.Outcome o, String expected) {
        String err = o.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("bxiemu: "), err);
        assertTrue(err.contains(expected), "expected «" + expected + "» in «" + err + "»");
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertEquals("", o.out(), "nothing on stdout");
    }
}
