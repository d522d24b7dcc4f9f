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

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Lead a run across machines: listen at HOST:PORT (only there) for the JVMs that join"
                    + " (./bxiemu join HOST:PORT); with --expect.")
    String listen;

    @Option(names = "--expect", paramLabel = "N",
            description = "With --listen: start once N JVMs have joined (the run then spans N + 1 JVMs).")
    Integer expect;

    @Option(names = "--keys", paramLabel = "DIR",
            description = "With --listen: authenticate and encrypt with the keys in DIR (./bxiemu keys DIR): Artery TLS,"
                    + " mutual authentication; JVMs without them are refused.")
    java.nio.file.Path keys;

    /** Runs started with --listen (the joiners serve one run, so a command may start only one). */
    private int runsAcrossMachines;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the run (sets run.seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one configuration key, e.g. --set engine.fusion=off (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--faults", paramLabel = "FILE",
            description = "Adds the fault plan in FILE (its faults list) to the configuration's (docs/faults.md).")
    java.nio.file.Path faults;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line of stdout.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results go: DIR/<run>/summary.json, CSV tables, README.txt (output.dir, default: results).")
    java.nio.file.Path out;

    @Option(names = "--verbose", description = "Log the engine's decisions on stderr (set-up, lookahead, windows, JVMs).")
    boolean verbose;

    @Option(names = "--trace", description = "Record a Chrome/Perfetto trace (trace.json in the results; sets engine.trace).")
    boolean trace;

    @Option(names = "--trace-window", paramLabel = "FROM..TO",
            description = "Keep only the trace of this virtual-time window, e.g. 10us..20us (engine.trace-window).")
    String traceWindow;

    @Option(names = "--trace-nodes", paramLabel = "NODES", split = ",",
            description = "Keep only the trace of these nodes, ids or patterns, e.g. n0000,n00[0-7] (engine.trace-components).")
    List<String> traceNodes;

    @Option(names = "--checkpoint-every", paramLabel = "DURATION",
            description = "Write a checkpoint every DURATION of virtual time, e.g. 10us, under <out>/<run>/checkpoints"
                    + " (engine.checkpoint-every); continue a stopped run with ./bxiemu resume.")
    String checkpointEvery;

    /** Set by {@code ./bxiemu resume}: the checkpoint this run continues from. */
    @Option(names = "--resume-from", hidden = true)
    java.nio.file.Path resumeFrom;

    /** The run's directory when it writes checkpoints (made at its start; results go there too). */
    private java.nio.file.Path runDir;

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
        acrossMachines();
        if (verbose) {
            System.setProperty("BXIEMU_LOG_LEVEL", "INFO");
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.bxiemu"))
                    .setLevel(ch.qos.logback.classic.Level.INFO);
        }
        if (faults != null) loader.faults(faults);
        for (String s : sets) loader.set(s);
        if (trace || traceWindow != null || traceNodes != null) loader.option("--trace", "engine.trace", "on");
        if (traceWindow != null) loader.option("--trace-window", "engine.trace-window", traceWindow);
        if (traceNodes != null) {
            loader.option("--trace-nodes", "engine.trace-components",
                    org.bxiemu.engine.TraceFilter.nodes(traceNodes));
        }
        if (seed != null) loader.option("--seed", "run.seed", seed);
        if (out != null) loader.option("--out", "output.dir", out.toString());
        if (checkpointEvery != null) loader.option("--checkpoint-every", "engine.checkpoint-every", checkpointEvery);
    }

    /**
     * Prints the figures (table, and JSON with --json) and writes them with the resolved
     * configuration under --out; the directory is named on stderr.
     */
    void report(org.bxiemu.launcher.output.ResultPrinter printer, String title, com.typesafe.config.Config config,
            String runName, org.bxiemu.engine.RunResult result) {
        org.bxiemu.engine.faults.FaultPlan faultPlan = org.bxiemu.engine.faults.FaultPlan.from(config);
        java.util.List<org.bxiemu.protocol.engine.TraceSpan> spans = result.spans();
        if (!faultPlan.isEmpty()) {
            printer.figure("faults", faultPlan.describe(), null);
            spans = FaultTrace.withEntries(spans, faultPlan, org.bxiemu.engine.EngineSettings.from(config));
        }
        printer.print(out(), title, json);
        java.nio.file.Path dir = org.bxiemu.launcher.output.ResultsDirectory.write(
                runDir != null ? runDir.getParent() : outDir(config), runDir != null ? "." + runDir.getFileName() + ".results"
                : runName + "-" + stamp(), commandLine(), config, printer.figures(), versions(), spans,
                result.components());
        if (runDir != null) dir = CheckpointedRun.moveInto(dir, runDir);
        err().println("results: " + dir);
    }

    /** Where this run's results directory goes (output.dir, which --out sets). */
    private static java.nio.file.Path outDir(com.typesafe.config.Config config) {
        return java.nio.file.Path.of(config.getString("output.dir"));
    }

    /**
     * Runs the experiment; if a JVM is lost, writes what the run got to as partial results (named
     * on stderr) before the failure ends the command with exit code 3.
     */
    org.bxiemu.engine.RunResult run(Experiment experiment, String runName) {
        CheckpointedRun.Prepared prepared = CheckpointedRun.prepare(experiment, outDir(experiment.config()),
                runName + "-" + stamp(),
                spec.commandLine().getParseResult().originalArgs(), resumeFrom);
        experiment = prepared.experiment();
        runDir = prepared.runDir();
        try {
            return launch(experiment);
        } catch (org.bxiemu.engine.JvmLostException lost) {
            java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("virtual_time_reached_ps", lost.virtualTimeReached());
            figures.put("events", lost.events());
            figures.put("windows", lost.windows());
            figures.put("jvms", experiment.setup().map().jvms());
            figures.put("seed", experiment.setup().seed());
            java.nio.file.Path dir = org.bxiemu.launcher.output.ResultsDirectory.writePartial(outDir(experiment.config()),
                    runName + "-" + stamp(), commandLine(), experiment.config(), figures, versions(), lost.getMessage());
            if (runDir != null) {
                dir = CheckpointedRun.moveInto(dir, runDir);
                err().println("partial results: " + dir);
                err().println("bxiemu: " + CheckpointedRun.complete(runDir) + " complete checkpoint(s); continue the run"
                        + " with: ./bxiemu resume " + runDir);
            } else {
                err().println("partial results: " + dir);
            }
            throw lost;
        }
    }

    /** Checks --listen, --expect and --keys; with --expect N the run spans N + 1 JVMs. */
    private void acrossMachines() {
        if ((listen == null) != (expect == null)) {
            throw new org.bxiemu.engine.BadInputException("--listen and --expect go together: --listen HOST:PORT --expect N"
                    + " (N: the JVMs that will join)");
        }
        if (keys != null && listen == null) {
            throw new org.bxiemu.engine.BadInputException("--keys: only with --listen (local --jvms runs use plain TCP on"
                    + " loopback)");
        }
        if (expect == null) return;
        if (expect < 1 || expect > Experiment.MAX_JVMS - 1) {
            throw new org.bxiemu.engine.BadInputException("--expect: " + expect + " is out of range 1.."
                    + (Experiment.MAX_JVMS - 1));
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--jvms")) {
            throw new org.bxiemu.engine.BadInputException("--jvms and --expect: choose one (--expect N runs on this JVM"
                    + " and the N that join)");
        }
        org.bxiemu.engine.Transport.parse(listen, "--listen", null);
        if (keys != null) org.bxiemu.engine.TlsKeys.in(keys);
        jvms = expect + 1;
    }

    /** The run, on this JVM and its local children, or across machines with --listen. */
    private org.bxiemu.engine.RunResult launch(Experiment experiment) {
        if (listen == null) return Launch.run(experiment, err());
        if (org.bxiemu.engine.Checkpointing.every(experiment.config()) > 0) {
            throw new org.bxiemu.engine.BadInputException("--listen: checkpoints (engine.checkpoint-every) are not"
                    + " written across machines (each machine would write its own partitions' files)");
        }
        if (++runsAcrossMachines > 1) {
            throw new org.bxiemu.engine.BadInputException("--listen: this command runs several experiments, and the"
                    + " joined JVMs serve one: run them one by one");
        }
        org.bxiemu.engine.Transport transport = org.bxiemu.engine.Transport.parse(listen, "--listen",
                keys == null ? null : org.bxiemu.engine.TlsKeys.in(keys));
        return Launch.runAcrossMachines(experiment, err(), transport, expect);
    }

    private static String stamp() {
        return java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static java.util.Map<String, String> versions() {
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        versions.put("bxiemu", Version.current());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    private String commandLine() {
        return String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    PrintStream out() {
        return Streams.out(spec);
    }

    PrintStream err() {
        return Streams.err(spec);
    }
}
