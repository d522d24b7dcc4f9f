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
        RunResult result = options.run(experiment, "bench-ipc");
        ResultPrinter printer = Launch.commonFigures(result, start);
        new IpcBenchPlatformKind().report(result, experiment.config(), options.out(), printer);
        options.report(printer, "IPC", experiment.config(), "bench-ipc", result);
        return Main.OK;
    }

}
