package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.nic.bench.PortalsBenchHost;
import org.bxiemu.nic.bench.PortalsBenchParameters;
import org.bxiemu.nic.bench.PortalsBenchPlatform;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/** The configured fabric with NICs and the two Portals benchmark hosts. */
final class PortalsBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "portals-bench";
    }

    @Override
    public Platform build(Config config) {
        return PortalsBenchPlatform.build(config);
    }

    /** The benchmark ends when the hosts fall silent; this only bounds a run that would not. */
    @Override
    public long endTime(Config config) {
        return 10 * Durations.S;
    }

    /** Latency and bandwidth per size, and the message rate, in the layout of the OSU micro-benchmarks. */
    @Override
    public void report(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        PortalsBenchParameters p = PortalsBenchParameters.from(config);
        // the leading host marks itself in its statistics; no need to rebuild the platform to find it
        ComponentStatistics leader = result.components().stream()
                .filter(c -> c.getCountersList().stream()
                        .anyMatch(k -> k.getName().equals(PortalsBenchHost.LEADER_MARK) && k.getValue() == 1))
                .findFirst().orElseThrow(() -> new RunFailedException("the Portals benchmark's leading host is missing"));
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Counter c : leader.getCountersList()) counters.put(c.getName(), c.getValue());
        List<Map<String, Object>> latency = new ArrayList<>();
        List<Map<String, Object>> bandwidth = new ArrayList<>();
        out.println("# bxiemu Portals Put latency (one way, half the round trip)");
        out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Latency (us)");
        for (long size : p.sizes()) {
            Long ps = counters.get("portals.latency.ps." + size);
            if (ps == null) throw new RunFailedException("the benchmark did not finish size " + size);
            double us = ps / 1e6;
            out.printf(Locale.ROOT, "%-12d%20.2f%n", size, us);
            latency.add(ResultPrinter.row("size", size, "us", round(us)));
        }
        out.println("# bxiemu Portals Put bandwidth (window of " + p.window() + ")");
        out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Bandwidth (MB/s)");
        for (long size : p.sizes()) {
            double mbs = counters.getOrDefault("portals.bandwidth.bytes-per-s." + size, 0L) / 1e6;
            out.printf(Locale.ROOT, "%-12d%20.2f%n", size, mbs);
            bandwidth.add(ResultPrinter.row("size", size, "mb_s", round(mbs)));
        }
        long rate = counters.getOrDefault("portals.message-rate.per-s", 0L);
        out.printf(Locale.ROOT, "# Message rate (%d B puts): %.3f M messages/s%n", p.rateSize(), rate / 1e6);
        figures.figure("benchmark", "portals", null)
                .figure("latency", latency, null)
                .figure("bandwidth", bandwidth, null)
                .figure("message_rate", rate, "message rate (/s)");
    }


    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
