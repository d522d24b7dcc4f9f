package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.bench.IpcBench;
import org.bxiemu.node.bench.IpcMechanism;

/** One node whose two threads run the IPC ping-pong benchmark. */
final class IpcBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "ipc-bench";
    }

    @Override
    public Platform build(Config config) {
        return IpcBench.build(config);
    }

    /** The threads exit when done and the run ends when the node falls silent; this only bounds it. */
    @Override
    public long endTime(Config config) {
        return 100 * Durations.S;
    }

    /** The RFC-style table: one-way latency per mechanism and its ratio to uintr. */
    @Override
    public void report(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        IpcBench.Parameters p = IpcBench.Parameters.from(config);
        Map<String, Long> counters = Launch.counters(result, NodePlatform.coreId(0, 0));
        Map<String, Object> latency = new LinkedHashMap<>();
        Map<String, Object> relative = new LinkedHashMap<>();
        Long base = counters.get(IpcMechanism.UINTR.counter());
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
        figures.figure("benchmark", "ipc", null)
                .figure("round_trips", p.roundTrips(), null)
                .figure("latency_ns", latency, null)
                .figure("relative", relative, null);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
