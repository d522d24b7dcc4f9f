package org.bxiemu.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.launcher.config.ConfigLoader;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.nic.bench.TrafficParameters;
import org.bxiemu.nic.bench.TrafficPlatform;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench traffic}: a Put pattern (all-to-all, incast) on a platform: completion
 * time, aggregate rate, Put latencies, and the emulator's speed. Options set {@code traffic-bench.*}.
 */
@Command(name = "traffic", description = "Put traffic patterns (all-to-all, incast) on a fabric: completion, latency, emulator speed.")
final class BenchTrafficCommand implements Callable<Integer> {
    @Option(names = "--platform", paramLabel = "FILE", description = "Platform configuration (default: the reference fabric).")
    Path platform;

    @Option(names = "--pattern", paramLabel = "NAME", description = "all-to-all or incast (traffic-bench.pattern).")
    String pattern;

    @Option(names = "--size", paramLabel = "SIZE", description = "Size of each Put, e.g. 4KiB (traffic-bench.size).")
    String size;

    @Option(names = "--rounds", paramLabel = "N", description = "Repetitions of the pattern (traffic-bench.rounds).")
    Integer rounds;

    @Option(names = "--senders", paramLabel = "N", description = "Incast senders (traffic-bench.senders).")
    Integer senders;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConfigLoader loader = options.benchLoader(platform, "traffic-bench");
        if (pattern != null) loader.option("--pattern", "traffic-bench.pattern", pattern);
        if (size != null) loader.option("--size", "traffic-bench.size", size);
        if (rounds != null) loader.option("--rounds", "traffic-bench.rounds", rounds);
        if (senders != null) loader.option("--senders", "traffic-bench.senders", senders);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        TrafficParameters p = TrafficParameters.from(experiment.config());
        RunResult result = options.run(experiment, "bench-traffic");

        long sent = result.counterSum("traffic.sent");
        long received = result.counterSum("traffic.received");
        long last = 0;
        Histogram.Builder merged = Histogram.newBuilder();
        long count = 0;
        long sum = 0;
        long max = 0;
        for (ComponentStatistics c : result.components()) {
            for (var counter : c.getCountersList()) {
                if (counter.getName().equals("traffic.last-arrival.ps")) last = Math.max(last, counter.getValue());
            }
            for (Histogram h : c.getHistogramsList()) {
                if (!h.getName().equals("traffic.latency.ps")) continue;
                count += h.getCount();
                sum += h.getSum();
                max = Math.max(max, h.getMax());
            }
        }
        if (received != sent) {
            throw new org.bxiemu.engine.RunFailedException(received + " of " + sent + " Puts landed");
        }
        long completion = Math.max(0, last - TrafficPlatform.start());
        double gbps = completion == 0 ? 0 : received * p.size() * 8 / (completion / 1e12) / 1e9;
        long mean = count == 0 ? 0 : sum / count;
        ResultPrinter printer = Launch.commonFigures(result, start)
                .figure("benchmark", "traffic", null)
                .figure("pattern", p.pattern(), "pattern")
                .figure("put_size", p.size(), "Put size (bytes)")
                .figure("puts", received, "Puts landed", ResultPrinter.grouped(received))
                .figure("completion_ps", completion, "completion", Durations.format(completion))
                .figure("aggregate_gb_s", Math.round(gbps * 1000) / 1000.0, "aggregate payload rate",
                        String.format(Locale.ROOT, "%.3f Gb/s", gbps))
                .figure("latency_mean_ps", mean, "Put latency mean", Durations.format(mean))
                .figure("latency_max_ps", max, "Put latency max", Durations.format(max))
                ;
        options.report(printer, "Put traffic", experiment.config(), "bench-traffic", result);
        return Main.OK;
    }
}
