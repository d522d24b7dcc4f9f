package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.node.CoreTime;
import org.bxiemu.mpi.osu.OsuBenchmarks;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/** Compute nodes (with or without the fabric) running one job launched through the kernels' RPCs. */
final class ClusterPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Platform build(Config config) {
        ProgramRegistry programs = ClusterPlatform.builtins(config);
        OsuBenchmarks.register(programs, config);
        return ClusterPlatform.build(config, programs);
    }

    /** The run ends when the job's last thread has exited and the nodes fall silent. */
    @Override
    public long endTime(Config config) {
        return Durations.parse(config.getString("run.end"), "run.end");
    }

    /** When the job ended, and where the time of all cores went; OSU tables for OSU programs. */
    @Override
    public void report(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        long jobEnd = JobEnd.require(result);
        if (OsuBenchmarks.NAMES.contains(config.getString("job.program"))) OsuReport.print(result, config, out, figures);
        long end = jobEnd;
        Map<String, Long> time = new LinkedHashMap<>();
        for (CoreTime t : CoreTime.values()) time.put(t.label(), 0L);
        int cores = 0;
        for (ComponentStatistics c : result.components()) {
            boolean core = CORE_ID.matcher(c.getId()).matches();
            if (core) cores++;
            for (Counter k : c.getCountersList()) {
                if (core && k.getName().startsWith("core.time.") && !k.getName().equals("core.time.total")) {
                    time.merge(k.getName().substring("core.time.".length()), k.getValue(), Long::sum);
                }
            }
        }
        String program = config.getString("job.program");
        if (org.bxiemu.mpi.JavaSourceProgram.isSource(program)) program = java.nio.file.Path.of(program).getFileName().toString();
        out.println("# bxiemu job '" + program + "' ended at " + Durations.format(end));
        out.println("# Core time over all " + cores + " cores (us)");
        StringBuilder header = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, Long> e : time.entrySet()) {
            int width = Math.max(12, e.getKey().length() + 2);
            header.append(String.format(Locale.ROOT, "%" + width + "s", e.getKey()));
            values.append(String.format(Locale.ROOT, "%" + width + ".3f", e.getValue() / 1e6));
        }
        out.println("#" + header.substring(1));
        out.println(values);
        // what the program itself counted (Mpi.count with an "app." name), summed over its ranks
        java.util.TreeMap<String, Long> app = new java.util.TreeMap<>();
        for (ComponentStatistics c : result.components()) {
            for (Counter k : c.getCountersList()) {
                if (k.getName().startsWith(APP)) app.merge(k.getName().substring(APP.length()), k.getValue(), Long::sum);
            }
        }
        if (!app.isEmpty()) {
            out.println("# Program counters (Mpi.count \"" + APP + "*\", summed over ranks)");
            for (Map.Entry<String, Long> e : app.entrySet()) {
                out.println(String.format(Locale.ROOT, "%-30s %d", e.getKey(), e.getValue()));
            }
            figures.figure("program_counters", app, null);
        }
        FaultReport.print(result, config, out, figures);
        figures.figure("job_end_ps", end, "job ended at", Durations.format(end))
                .figure("core_time_ps", time, null);
    }

    /** The prefix of the counters a rank program reports as its results. */
    static final String APP = "app.";

    private static final java.util.regex.Pattern CORE_ID = java.util.regex.Pattern.compile(".*\\.core[0-9]+");
}
