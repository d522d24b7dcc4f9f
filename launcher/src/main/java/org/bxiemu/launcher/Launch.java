package org.bxiemu.launcher;

import java.io.PrintStream;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.launcher.output.ProgressPrinter;
import org.bxiemu.launcher.output.ResultPrinter;

/** Runs a prepared experiment with progress on stderr, and fills in the figures every run reports. */
final class Launch {
    private Launch() {}

    /**
     * A live progress line (stderr is a terminal) rather than one line per 10 %; set by main,
     * never in-process, where stderr is the caller's buffer.
     */
    static volatile boolean liveProgress;

    /** Tests observe child JVMs through this hook (to kill one mid-run). */
    static volatile Emulation.ChildObserver childObserver = Emulation.ChildObserver.NONE;

    private static ProgressPrinter progress(Experiment experiment, PrintStream err) {
        return new ProgressPrinter(err, experiment.setup().endTime(), experiment.endKnown(),
                experiment.setup().map().jvms(), liveProgress);
    }

    static RunResult run(Experiment experiment, PrintStream err) {
        ProgressPrinter progress = progress(experiment, err);
        try {
            return experiment.run(progress, childObserver);
        } finally {
            progress.done();
        }
    }

    /** The leader of a run across machines: says where to join, then runs once {@code expect} JVMs have joined. */
    static RunResult runAcrossMachines(Experiment experiment, PrintStream err, org.bxiemu.engine.Transport listen,
            int expect) {
        ProgressPrinter progress = progress(experiment, err);
        try {
            return Emulation.leadAcrossMachines(experiment.setup(), listen, experiment.userLayerJson(), progress,
                    address -> err.println("bxiemu: listening at " + address + ", waiting for " + expect + " JVM"
                            + (expect == 1 ? "" : "s") + " to join: ./bxiemu join " + address
                            + (listen.keys() == null ? "" : " --keys " + listen.keys().directory())));
        } finally {
            progress.done();
        }
    }

    static ResultPrinter commonFigures(RunResult r, long startNanos) {
        long sent = r.counterSum("engine.events.sent");
        double total = (System.nanoTime() - startNanos) / 1e9;
        double perSecond = r.wallSeconds() > 0 ? r.events() / r.wallSeconds() : 0;
        return new ResultPrinter()
                .figure("digest", r.digest(), "digest")
                .figure("virtual_time_ps", r.virtualTime(), "virtual time", Durations.format(r.virtualTime()))
                .figure("events", r.events(), "events", ResultPrinter.grouped(r.events()))
                .figure("wall_s", round(r.wallSeconds()), "wall", String.format(java.util.Locale.ROOT,
                        "%.3f s (whole command %.3f s)", r.wallSeconds(), total))
                .figure("total_wall_s", round(total), null)
                .figure("events_per_s", Math.round(perSecond), "events/s", ResultPrinter.millions(perSecond))
                .figure("windows", r.windows(), "windows", ResultPrinter.grouped(r.windows()))
                .figure("events_per_window", round(r.windows() == 0 ? 0 : r.events() / (double) r.windows()),
                        "events/window", String.format(java.util.Locale.ROOT, "%.1f",
                                r.windows() == 0 ? 0 : r.events() / (double) r.windows()))
                .figure("jvms", r.jvms(), "JVMs")
                .figure("cluster_members", r.clusterMembers(), "cluster members")
                .figure("partitions", r.partitions(), "partitions")
                .figure("cross_partition_events", r.crossPartitionEvents(), "cross-partition events",
                        ResultPrinter.grouped(r.crossPartitionEvents()))
                .figure("pending_events", r.pendingEvents(), "pending at end", ResultPrinter.grouped(r.pendingEvents()))
                .figure("events_sent", sent, "events sent", ResultPrinter.grouped(sent));
    }

    /** The counters of component {@code id}, by name. */
    static java.util.Map<String, Long> counters(RunResult result, String id) {
        java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>();
        for (var c : result.components()) {
            if (!c.getId().equals(id)) continue;
            for (var k : c.getCountersList()) counters.put(k.getName(), k.getValue());
        }
        return counters;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
