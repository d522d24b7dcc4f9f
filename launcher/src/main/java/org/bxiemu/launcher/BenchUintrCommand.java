package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Frequency;
import org.bxiemu.launcher.config.ConfigLoader;
import org.bxiemu.node.CoreTime;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.bench.UintrBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench uintr}: source-to-handler latency, in cycles, of a user interrupt for
 * UIPI and the xUI variants (tracked interrupts, the kernel-bypass timer, device interrupts
 * posted or forwarded), and the rate of handlers a receiver sustains under a flood of SENDUIPI.
 * Each variant is one run of the {@code uintr-bench} platform with its switches set.
 */
@Command(name = "uintr", description = "User-interrupt latency (UIPI, xUI tracked, KB timer, device posted/forwarded) and handler rate.")
final class BenchUintrCommand implements Callable<Integer> {
    @Option(names = "--platform", paramLabel = "FILE", description = "Configuration with node and core parameters.")
    Path platform;

    @Option(names = "--interrupts", paramLabel = "N", description = "Interrupts per variant (uintr-bench.interrupts).")
    Integer interrupts;

    @Mixin
    RunOptions options;

    private record Variant(String name, String description, List<String> settings) {}

    private static final List<Variant> LATENCY = List.of(
            new Variant("uipi", "SENDUIPI to handler (UIPI)", List.of("uintr-bench.source = senduipi")),
            new Variant("xui_tracked", "SENDUIPI to handler, xUI tracked", List.of("uintr-bench.source = senduipi",
                    "core.uintr.tracked = on")),
            new Variant("xui_kb_timer", "KB timer tick to handler (xUI)", List.of("uintr-bench.source = kb-timer")),
            new Variant("device_posted", "device post to handler, via UPID", List.of("uintr-bench.source = device",
                    "node.device-forwarding = off")),
            new Variant("xui_forwarded", "device post to handler, xUI forwarded", List.of("uintr-bench.source = device",
                    "node.device-forwarding = on")));

    private static final List<Variant> RATE = List.of(
            new Variant("uipi", "SENDUIPI flood", List.of("uintr-bench.source = flood")),
            new Variant("xui_tracked", "SENDUIPI flood, xUI tracked",
                    List.of("uintr-bench.source = flood", "core.uintr.tracked = on")));

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintStream out = options.out();
        Map<String, Object> latency = new LinkedHashMap<>();
        Map<String, Object> receiver = new LinkedHashMap<>();
        Map<String, Object> rate = new LinkedHashMap<>();
        Map<String, Object> lostPercent = new LinkedHashMap<>();
        Map<String, Object> digests = new LinkedHashMap<>();
        RunResult first = null;
        // every variant's configuration is checked before anything runs or prints
        Map<Variant, Experiment> latencyRuns = new LinkedHashMap<>();
        for (Variant v : LATENCY) latencyRuns.put(v, prepare(v));
        Map<Variant, Experiment> rateRuns = new LinkedHashMap<>();
        for (Variant v : RATE) rateRuns.put(v, prepare(v));
        out.println("# bxiemu user interrupts: source to handler entry, receiver computing on core 1");
        out.printf(Locale.ROOT, "%-16s%-40s%16s%18s%n", "# Variant", "Path", "Latency (cyc)", "Receiver (cyc)");
        for (Variant v : LATENCY) {
            Run run = run(v, latencyRuns.get(v), "latency");
            if (first == null) first = run.result();
            long handlers = run.counter(UintrBench.HANDLERS);
            if (handlers == 0) throw new RunFailedException("the uintr benchmark saw no interrupt for " + v.name());
            double cycles = run.frequency().cycles(run.counter(UintrBench.LATENCY)) / (double) handlers;
            double receiverCycles = run.frequency().cycles(run.counter(CoreTime.INTERRUPT.counter()))
                    / (double) Math.max(1, run.counter("core.uintr.deliveries"));
            latency.put(v.name(), round(cycles));
            receiver.put(v.name(), round(receiverCycles));
            digests.put("latency." + v.name(), run.result().digest());
            out.printf(Locale.ROOT, "%-16s%-40s%16.1f%18.1f%n", v.name(), v.description(), cycles, receiverCycles);
        }
        out.println("# Handler rate under a flood (posts coalesce while a notification is pending), and the share of");
        out.println("# the receiver's time spent in delivery and handlers instead of its compute");
        for (Variant v : RATE) {
            Run run = run(v, rateRuns.get(v), "rate");
            long flood = Durations.parse(run.flood(), "uintr-bench.flood-duration");
            double perSecond = run.counter(UintrBench.HANDLERS) * (double) Durations.S / flood;
            // the receiver's compute lost to interrupts while the flood lasted
            double lost = 100.0 * (run.counter(CoreTime.INTERRUPT.counter()) + run.counter(CoreTime.HANDLER.counter()))
                    / flood;
            rate.put(v.name(), Math.round(perSecond));
            lostPercent.put(v.name(), round(lost));
            digests.put("rate." + v.name(), run.result().digest());
            out.printf(Locale.ROOT, "%-16s%-40s%12.3f M/s%13.1f %% lost%n", v.name(), v.description(), perSecond / 1e6,
                    lost);
        }
        ResultPrinter printer = Launch.commonFigures(first, start)
                .figure("benchmark", "uintr", null)
                .figure("latency_cycles", latency, null)
                .figure("receiver_cycles", receiver, null)
                .figure("handler_rate_per_s", rate, null)
                .figure("flood_receiver_lost_percent", lostPercent, null)
                .figure("variant_digests", digests, null)
                ;
        options.report(printer, "uintr", latencyRuns.values().iterator().next().config(), "bench-uintr", first);
        return Main.OK;
    }

    private record Run(RunResult result, Map<String, Long> counters, Frequency frequency, String flood) {
        long counter(String name) {
            return counters.getOrDefault(name, 0L);
        }
    }

    private Experiment prepare(Variant v) {
        ConfigLoader loader = options.benchLoader(platform, "uintr-bench");
        for (String s : v.settings()) loader.set(s);
        if (interrupts != null) loader.option("--interrupts", "uintr-bench.interrupts", interrupts);
        return Experiment.prepare(loader, options.jvms);
    }

    private Run run(Variant v, Experiment experiment, String what) {
        options.err().println("uintr " + what + ": " + v.name());
        RunResult result = options.run(experiment, "bench-uintr");
        Frequency frequency = org.bxiemu.node.CoreSettings.from(experiment.config()).frequency();
        return new Run(result, Launch.counters(result, NodePlatform.coreId(0, 1)), frequency,
                experiment.config().getString("uintr-bench.flood-duration"));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
