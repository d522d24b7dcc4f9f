package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Frequency;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.node.CoreSettings;
import org.bxiemu.node.CoreTime;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.bench.UintrBench;

/** One node whose receiver thread takes user interrupts from a sender, its KB timer or a device. */
final class UintrBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "uintr-bench";
    }

    @Override
    public Platform build(Config config) {
        return UintrBench.build(config);
    }

    @Override
    public long endTime(Config config) {
        return 100 * Durations.S;
    }

    /** The receiver's view: interrupts handled, source-to-handler latency and receiver cost in cycles. */
    @Override
    public void report(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        Map<String, Long> c = Launch.counters(result, NodePlatform.coreId(0, 1));
        Frequency frequency = CoreSettings.from(config).frequency();
        long handlers = c.getOrDefault(UintrBench.HANDLERS, 0L);
        double latency = handlers == 0 ? 0 : frequency.cycles(c.getOrDefault(UintrBench.LATENCY, 0L)) / (double) handlers;
        double receiver = frequency.cycles(c.getOrDefault(CoreTime.INTERRUPT.counter(), 0L))
                / (double) Math.max(1, c.getOrDefault("core.uintr.deliveries", 0L));
        out.printf(Locale.ROOT, "# bxiemu user interrupts from %s: %d handled%n", config.getString("uintr-bench.source"),
                handlers);
        if (config.getString("uintr-bench.source").equals("flood")) {
            // how many SENDUIPI the sender executed: the posts beyond the handlers run were merged,
            // in PIR (a notification still outstanding) or in UIRR (a vector already pending)
            long sent = Launch.counters(result, NodePlatform.coreId(0, 0)).getOrDefault("core.uintr.senduipi", 0L);
            out.printf(Locale.ROOT, "%-28s%12d%n", "SENDUIPI executed", sent);
            out.printf(Locale.ROOT, "%-28s%12d%n", "posts merged", sent - handlers);
            figures.figure("senduipi", sent, null).figure("merged", sent - handlers, null);
        } else {
            out.printf(Locale.ROOT, "%-28s%12.1f%n", "source to handler (cycles)", latency);
        }
        out.printf(Locale.ROOT, "%-28s%12.1f%n", "receiver cost (cycles)", receiver);
        figures.figure("handlers", handlers, null)
                .figure("latency_cycles", Math.round(latency * 10) / 10.0, null)
                .figure("receiver_cycles", Math.round(receiver * 10) / 10.0, null);
    }
}
