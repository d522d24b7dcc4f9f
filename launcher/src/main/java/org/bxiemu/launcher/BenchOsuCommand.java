package org.bxiemu.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.config.ConfigLoader;
import org.bxiemu.launcher.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench osu-<name>}: an OSU micro-benchmark as an MPI job on the emulated cluster,
 * for any progression engine. Without --platform, the smallest BXI fat tree (k = 8) that holds the
 * ranks. One instance per benchmark name (see {@link BenchCommand}).
 */
@Command(description = "An OSU micro-benchmark as an MPI job (latency, bw, barrier, allreduce, iallreduce with overlap).")
final class BenchOsuCommand implements Callable<Integer> {
    private final String benchmark;

    @Option(names = "--progress", paramLabel = "ENGINE", description = "Progression engine (mpi.progress): poll, uintr, signal, eventfd, progress-thread, idle-poll, xui, offload.")
    String progress;

    @Option(names = "--platform", paramLabel = "FILE", description = "Platform configuration (default: the smallest k=8 BXI fat tree holding the ranks).")
    Path platform;

    @Option(names = "--ranks", paramLabel = "N", description = "MPI ranks (default: 2 for latency and bw, 16 otherwise).")
    Integer ranks;

    @Option(names = "--ranks-per-node", paramLabel = "N", description = "Ranks per node (job.ranks-per-node, default 1).")
    Integer ranksPerNode;

    @Option(names = "--sizes", paramLabel = "MIN:MAX", description = "Message sizes, powers of two (osu.sizes), e.g. 8B:1MiB.")
    String sizes;

    @Option(names = "--iterations", paramLabel = "N", description = "Timed iterations per size (osu.iterations).")
    Integer iterations;

    @Mixin
    RunOptions options;

    BenchOsuCommand(String benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        int n = ranks != null ? ranks : benchmark.equals("osu-latency") || benchmark.equals("osu-bw") ? 2 : 16;
        int perNode = ranksPerNode != null ? ranksPerNode : 1;
        if (n < 2) throw new BadInputException("--ranks: " + n + " is below 2");
        if (perNode < 1) throw new BadInputException("--ranks-per-node: " + perNode + " is below 1");
        if (n % perNode != 0) throw new BadInputException("--ranks: " + n + " is not a multiple of --ranks-per-node " + perNode);
        int nodes = n / perNode;
        ConfigLoader loader = new ConfigLoader();
        if (platform != null) {
            loader.file(platform);
        } else {
            int levels = 2;
            while (Math.pow(8, levels) < nodes) levels++;
            loader.option("--ranks", "switch.topology", "fat-tree");
            loader.option("--ranks", "switch.fat-tree.k", 8);
            loader.option("--ranks", "switch.fat-tree.levels", levels);
            loader.option("--ranks", "switch.fat-tree.uplinks", 8);
        }
        loader.option("bench " + benchmark, "run.platform", "cluster");
        loader.option("bench " + benchmark, "cluster.fabric", "on");
        loader.option("bench " + benchmark, "job.program", benchmark);
        options.applyTo(loader);
        loader.option("--ranks", "job.nodes", nodes);
        loader.option("--ranks-per-node", "job.ranks-per-node", perNode);
        if (progress != null) loader.option("--progress", "mpi.progress", progress);
        if (sizes != null) loader.option("--sizes", "osu.sizes", sizes);
        if (iterations != null) loader.option("--iterations", "osu.iterations", iterations);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        RunResult result = options.run(experiment, "bench-" + benchmark);
        JobEnd.require(result);
        ResultPrinter printer = Launch.commonFigures(result, start);
        OsuReport.print(result, experiment.config(), options.out(), printer);
        options.report(printer, benchmark, experiment.config(), "bench-" + benchmark, result);
        return Main.OK;
    }
}
