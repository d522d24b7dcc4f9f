package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.util.concurrent.Callable;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.phold.PholdParameters;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.launcher.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bxiemu bench phold}: the engine's benchmark. Each option sets the {@code phold.*} key
 * of the same name (declared with its unit in reference.conf); durations carry units.
 */
@Command(name = "phold", description = "PHOLD: the standard parallel-simulation benchmark (engine speed).")
final class BenchPholdCommand implements Callable<Integer> {
    @Option(names = "--lps", paramLabel = "N", description = "Logical processes (phold.lps).")
    Integer lps;

    @Option(names = "--population", paramLabel = "P", description = "Events per LP (phold.population).")
    Integer population;

    @Option(names = "--end", paramLabel = "TIME", description = "Virtual end time, e.g. 20us (phold.end).")
    String end;

    @Option(names = "--remote", paramLabel = "F", description = "Fraction of events sent to another LP (phold.remote).")
    Double remote;

    @Option(names = "--mean", paramLabel = "TIME", description = "Mean exponential delay, e.g. 100ns (phold.mean).")
    String mean;

    @Option(names = "--lookahead", paramLabel = "TIME", description = "Fixed delay = link latency, e.g. 100ns (phold.lookahead).")
    String lookahead;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConfigLoader loader = options.benchLoader(null, "phold");
        if (lps != null) loader.option("--lps", "phold.lps", lps);
        if (population != null) loader.option("--population", "phold.population", population);
        if (end != null) loader.option("--end", "phold.end", end);
        if (remote != null) loader.option("--remote", "phold.remote", remote);
        if (mean != null) loader.option("--mean", "phold.mean", mean);
        if (lookahead != null) loader.option("--lookahead", "phold.lookahead", lookahead);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        PholdParameters p = PholdParameters.from(experiment.config());
        RunResult result = options.run(experiment, "bench-phold");
        ResultPrinter printer = Launch.commonFigures(result, start)
                .figure("benchmark", "phold", null)
                .figure("lps", p.lps(), "LPs")
                .figure("population", p.population(), "population per LP")
                .figure("remote", p.remote(), "remote fraction")
                .figure("mean_ps", p.mean(), "mean delay", Durations.format(p.mean()))
                .figure("lookahead_ps", p.lookahead(), "lookahead", Durations.format(p.lookahead()))
                .figure("end_ps", p.end(), "end", Durations.format(p.end()))
                .figure("fusion", experiment.setup().settings().fusion(), "fusion")
                .figure("seed", experiment.setup().seed(), "seed")
                ;
        options.report(printer, "PHOLD", experiment.config(), "bench-phold", result);
        return Main.OK;
    }
}
