package org.bxiemu.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.launcher.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code bench}, and the streams of the command line. */
final class RunOptions {
    @Option(names = "--jvms", paramLabel = "N", description = "JVMs to spread the platform over (default: 1).")
    int jvms = 1;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the run (sets run.seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one configuration key, e.g. --set engine.fusion=off (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "Print the results as one JSON object on the last line of stdout.")
    boolean json;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /**
     * A loader for a built-in benchmark: its platform file if given, the platform kind, then
     * --set and --seed. The benchmark's own options come after (they win).
     */
    ConfigLoader benchLoader(java.nio.file.Path platformFile, String platformKind) {
        ConfigLoader loader = new ConfigLoader();
        if (platformFile != null) loader.file(platformFile);
        loader.option("run.platform", "run.platform", platformKind);
        applyTo(loader);
        return loader;
    }

    /** Applies --set then --seed (the explicit option wins). */
    void applyTo(ConfigLoader loader) {
        for (String s : sets) loader.set(s);
        if (seed != null) loader.option("--seed", "run.seed", seed);
    }

    PrintStream out() {
        return Streams.out(spec);
    }

    PrintStream err() {
        return Streams.err(spec);
    }
}
