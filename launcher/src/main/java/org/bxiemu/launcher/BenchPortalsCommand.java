package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.config.ConfigLoader;
import org.bxiemu.nic.bench.PortalsBenchParameters;
import org.bxiemu.nic.bench.PortalsBenchHost;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench portals}: Put latency, bandwidth and message rate between two nodes of a
 * platform, printed in the layout of the OSU micro-benchmarks. Options set {@code portals-bench.*}.
 */
@Command(name = "portals", description = "Portals Put ping-pong latency, streaming bandwidth and message rate (OSU layout).")
final class BenchPortalsCommand implements Callable<Integer> {
    @Option(names = "--platform", paramLabel = "FILE", description = "Platform configuration (default: the reference fabric).")
    Path platform;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest message, e.g. 4MiB (portals-bench.max-size).")
    String maxSize;

    @Option(names = "--iterations", paramLabel = "N", description = "Round trips / windows per size (portals-bench.iterations).")
    Integer iterations;

    @Option(names = "--window", paramLabel = "N", description = "Puts per window (portals-bench.window).")
    Integer window;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConfigLoader loader = options.benchLoader(platform, "portals-bench");
        if (maxSize != null) loader.option("--max-size", "portals-bench.max-size", maxSize);
        if (iterations != null) loader.option("--iterations", "portals-bench.iterations", iterations);
        if (window != null) loader.option("--window", "portals-bench.window", window);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        PortalsBenchParameters p = PortalsBenchParameters.from(experiment.config());
        RunResult result = Launch.run(experiment, options.err());
        // the leading host marks itself in its statistics; no need to rebuild the platform to find it
        ComponentStatistics leader = result.components().stream()
                .filter(c -> c.getCountersList().stream()
                        .anyMatch(k -> k.getName().equals(PortalsBenchHost.LEADER_MARK) && k.getValue() == 1))
                .findFirst().orElseThrow();
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Counter c : leader.getCountersList()) counters.put(c.getName(), c.getValue());

        PrintStream out = options.out();
        List<Map<String, Object>> latency = new ArrayList<>();
        List<Map<String, Object>> bandwidth = new ArrayList<>();
        out.println("# bxiemu Portals Put latency (one way, half the round trip)");
        out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Latency (us)");
        for (long size : p.sizes()) {
            Long ps = counters.get("portals.latency.ps." + size);
            if (ps == null) throw new org.bxiemu.engine.RunFailedException("the benchmark did not finish size " + size);
            double us = ps / 1e6;
            out.printf(Locale.ROOT, "%-12d%20.2f%n", size, us);
            latency.add(Map.of("size", size, "us", round(us)));
        }
        out.println("# bxiemu Portals Put bandwidth (window of " + p.window() + ")");
        out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Bandwidth (MB/s)");
        for (long size : p.sizes()) {
            double mbs = counters.getOrDefault("portals.bandwidth.bytes-per-s." + size, 0L) / 1e6;
            out.printf(Locale.ROOT, "%-12d%20.2f%n", size, mbs);
            bandwidth.add(Map.of("size", size, "mb_s", round(mbs)));
        }
        long rate = counters.getOrDefault("portals.message-rate.per-s", 0L);
        out.printf(Locale.ROOT, "# Message rate (%d B puts): %.3f M messages/s%n", p.rateSize(), rate / 1e6);
        ResultPrinter printer = Launch.commonFigures(result, start)
                .figure("benchmark", "portals", null)
                .figure("latency", latency, null)
                .figure("bandwidth", bandwidth, null)
                .figure("message_rate", rate, "message rate (/s)")
                ;
        options.report(printer, "Portals", experiment.config(), "bench-portals");
        return Main.OK;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
