package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./bxiemu run CONFIG…}: runs the platform the configuration files describe (merged left to right). */
@Command(name = "run", description = "Runs an experiment described by HOCON files (merged left to right).")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "Configuration files (platform, job, run).")
    List<Path> configs = new ArrayList<>();

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConfigLoader loader = loader();
        List<? extends ConfigObject> sweep;
        try {
            sweep = loader.load().getObjectList("run.sweep");
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw loader.located(new org.bxiemu.engine.BadInputException("run.sweep: each entry must be a section of "
                    + "keys, e.g. [{mpi.progress = poll}, {mpi.progress = uintr}]"));
        }
        if (!sweep.isEmpty() && org.bxiemu.engine.Checkpointing.every(loader.load()) > 0) {
            throw new org.bxiemu.engine.BadInputException("--checkpoint-every: not available with run.sweep (checkpoint"
                    + " each run of the sweep on its own)");
        }
        if (!sweep.isEmpty()) return sweep(sweep, start);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        RunResult result = options.run(experiment, runName());
        ResultPrinter printer = Launch.commonFigures(result, start);
        PlatformKinds.named(experiment.config().getString("run.platform")).report(result, experiment.config(),
                options.out(), printer);
        printer
                .figure("platform", experiment.config().getString("run.platform"), "platform")
                .figure("seed", experiment.setup().seed(), "seed")
                ;
        options.report(printer, "run", experiment.config(), runName(), result);
        return Main.OK;
    }

    private ConfigLoader loader() {
        ConfigLoader loader = new ConfigLoader();
        for (Path p : configs) loader.file(p);
        options.applyTo(loader);
        return loader;
    }

    /**
     * {@code run.sweep}: the experiment once per entry (each entry's keys set on top of the
     * files and --set), every run's tables, then one table comparing them — e.g. the same job
     * with each progression engine. Every entry is checked before the first run starts.
     */
    private Integer sweep(List<? extends ConfigObject> sweep, long start) {
        List<Experiment> experiments = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < sweep.size(); i++) {
            ConfigLoader l = loader();
            List<String> label = new ArrayList<>();
            // errors name the entry and where it was written
            String entry = "run.sweep[" + i + "] at "
                    + org.bxiemu.launcher.config.ConfigLoader.where(sweep.get(i).origin());
            for (Map.Entry<String, ConfigValue> e : new TreeMap<>(sweep.get(i).toConfig().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).entrySet()) {
                l.option(entry, e.getKey(), e.getValue().unwrapped());
                label.add(e.getKey() + "=" + e.getValue().unwrapped());
            }
            l.option(entry, "run.sweep", List.of());
            experiments.add(Experiment.prepare(l, options.jvms));
            labels.add(String.join(" ", label));
        }
        java.io.PrintStream out = options.out();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> breakdown = new ArrayList<>();
        List<Map<String, Object>> rankTimes = new ArrayList<>();
        StringBuilder digests = new StringBuilder();
        RunResult last = null;
        for (int i = 0; i < experiments.size(); i++) {
            Experiment experiment = experiments.get(i);
            options.err().println("sweep " + (i + 1) + "/" + experiments.size() + ": " + labels.get(i));
            RunResult result = options.run(experiment, runName());
            last = result;
            out.println("## " + labels.get(i));
            ResultPrinter one = Launch.commonFigures(result, start);
            PlatformKinds.named(experiment.config().getString("run.platform")).report(result, experiment.config(), out,
                    one);
            digests.append(result.digest());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("label", labels.get(i));
            run.put("digest", result.digest());
            run.put("virtual_time_ps", result.virtualTime());
            run.put("events", result.events());
            for (String key : List.of("job_end_ps", "core_time_ps", "rows")) {
                if (one.figures().containsKey(key)) run.put(key, one.figures().get(key));
            }
            runs.add(run);
            rows.addAll(SweepTable.rows(labels.get(i), one.figures(), experiment.config()));
            breakdown.add(SweepTable.breakdown(labels.get(i), one.figures(), experiment.config()));
            rankTimes.addAll(PerRankTimes.rows(labels.get(i), result, experiment.config()));
        }
        SweepTable.print(out, rows);
        ResultPrinter printer = Launch.commonFigures(last, start)
                .figure("digest", org.bxiemu.engine.stats.Digest.ofText(digests.toString()), "digest (of the runs')")
                .figure("runs", runs, null)
                .figure("comparison", rows, null)
                .figure("core_time_per_rank", breakdown, null)
                .figure("rank_times", rankTimes, null)
                .figure("platform", experiments.get(0).config().getString("run.platform"), "platform");
        options.report(printer, "sweep", experiments.get(0).config(), runName(), last);
        return Main.OK;
    }

    /** The first configuration file's name without its extension. */
    private String runName() {
        Path first = configs.get(0);
        String name = first.getFileName().toString();
        if (name.equals("config.conf") && first.toAbsolutePath().getParent() != null) {
            return first.toAbsolutePath().normalize().getParent().getFileName().toString(); // examples/<name>/config.conf
        }
        return name.endsWith(".conf") ? name.substring(0, name.length() - 5) : name;
    }
}
