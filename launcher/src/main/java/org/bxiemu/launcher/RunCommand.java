package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
        ConfigLoader loader = new ConfigLoader();
        for (Path p : configs) loader.file(p);
        options.applyTo(loader);
        Experiment experiment = Experiment.prepare(loader, options.jvms);
        RunResult result = Launch.run(experiment, options.err());
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
