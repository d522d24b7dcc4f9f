package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.config.ConfigLoader;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.bench.IpcBench;
import org.bxiemu.node.bench.IpcMechanism;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench ipc}: one-byte notification ping-pong between two threads of one node
 * with each mechanism (the Linux uintr RFC's table): average one-way latency and latency
 * relative to uintr. Options set {@code ipc-bench.*}.
 */
@Command(name = "ipc", description = "Notification ping-pong between two threads of a node: uintr, uintr blocked, eventfd, signal, pipe, UNIX socket.")
final class BenchIpcCommand implements Callable<Integer> {
    @Option(names = "--platform", paramLabel = "FILE", description = "Configuration with node, core and kernel parameters.")
    Path platform;

    @Option(names = "--round-trips", paramLabel = "N", description = "Round trips per mechanism (ipc-bench.round-trips).")
    Integer roundTrips;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConfigLoader loader = options.benchLoader(platform, "ipc-bench");
        if (roundTrips != null) loader.option("--round-trips", "ipc-bench.round-trips", roundTrips);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        IpcBench.Parameters p = IpcBench.Parameters.from(experiment.config());
        RunResult result = Launch.run(experiment, options.err());
        Map<String, Long> counters = counters(result, NodePlatform.coreId(0, 0));

        Map<String, Object> latency = new LinkedHashMap<>();
        Map<String, Object> relative = new LinkedHashMap<>();
        Long base = counters.get(IpcMechanism.UINTR.counter());
        PrintStream out = options.out();
        out.println("# bxiemu IPC ping-pong, 1-byte notifications between cores 0 and 1 (" + p.roundTrips()
                + " round trips each)");
        out.printf(Locale.ROOT, "%-16s%16s%16s%n", "# Mechanism", "Latency (ns)", "Relative");
        for (IpcMechanism m : p.mechanisms()) {
            Long total = counters.get(m.counter());
            if (total == null) throw new RunFailedException("the IPC benchmark did not finish " + m.key());
            double ns = total / (2.0 * p.roundTrips()) / 1000;
            latency.put(m.key(), round(ns));
            String rel = "-";
            if (base != null) {
                double r = total / (double) base;
                relative.put(m.key(), round(r));
                rel = String.format(Locale.ROOT, "%.2f", r);
            }
            out.printf(Locale.ROOT, "%-16s%16.1f%16s%n", m.key(), ns, rel);
        }
        ResultPrinter printer = Launch.commonFigures(result, start)
                .figure("benchmark", "ipc", null)
                .figure("round_trips", p.roundTrips(), null)
                .figure("latency_ns", latency, null)
                .figure("relative", relative, null)
                ;
        options.report(printer, "IPC", experiment.config(), "bench-ipc");
        return Main.OK;
    }

    static Map<String, Long> counters(RunResult result, String id) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (ComponentStatistics c : result.components()) {
            if (!c.getId().equals(id)) continue;
            for (Counter k : c.getCountersList()) counters.put(k.getName(), k.getValue());
        }
        return counters;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
