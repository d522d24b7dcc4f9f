package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.config.ConfigLoader;
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
        RunResult result = options.run(experiment, "bench-portals");
        ResultPrinter printer = Launch.commonFigures(result, start);
        new PortalsBenchPlatformKind().report(result, experiment.config(), options.out(), printer);
        options.report(printer, "Portals", experiment.config(), "bench-portals", result);
        return Main.OK;
    }

}
