package org.bxiemu.launcher;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.launcher.output.ResultPrinter;
import org.bxiemu.mpi.osu.OsuParameters;
import org.bxiemu.node.job.ClusterPlatform;

/** OSU's tables from the figures the ranks recorded (sums over ranks and timed iterations). */
final class OsuReport {
    private static final Map<String, String> TITLES = Map.of("osu-allreduce", "Allreduce", "osu-bcast", "Broadcast",
            "osu-alltoall", "All-to-All", "osu-iallreduce", "Allreduce", "osu-ibcast", "Broadcast", "osu-ialltoall",
            "All-to-All");

    private OsuReport() {}

    static void print(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        String name = config.getString("job.program");
        OsuParameters p = OsuParameters.from(config);
        int ranks = ClusterPlatform.job(config).size();
        String engine = config.getString("mpi.progress");
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (name) {
            case "osu-latency" -> {
                out.println("# OSU MPI Latency Test (bxiemu, progress " + engine + ")");
                out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Latency (us)");
                for (long size : p.sizes()) {
                    double us = result.counterSum("osu.latency." + size) / (double) p.iterations() / 1e6;
                    out.printf(Locale.ROOT, "%-12d%20.2f%n", size, us);
                    rows.add(ResultPrinter.row("size", size, "avg_us", round(us)));
                }
            }
            case "osu-bw" -> {
                out.println("# OSU MPI Bandwidth Test (bxiemu, progress " + engine + ", window " + p.window() + ")");
                out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Bandwidth (MB/s)");
                for (long size : p.sizes()) {
                    double seconds = result.counterSum("osu.bw-time." + size) / 1e12;
                    double mbs = seconds == 0 ? 0 : size * (double) p.window() * p.iterations() / seconds / 1e6;
                    out.printf(Locale.ROOT, "%-12d%20.2f%n", size, mbs);
                    rows.add(ResultPrinter.row("size", size, "mb_s", round(mbs)));
                }
            }
            case "osu-barrier" -> {
                double us = result.counterSum("osu.collective.0") / (double) (ranks * p.iterations()) / 1e6;
                out.println("# OSU MPI Barrier Latency Test (bxiemu, " + ranks + " ranks, progress " + engine + ")");
                out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Avg Latency(us)");
                out.printf(Locale.ROOT, "%-12d%20.2f%n", 0, us);
                rows.add(ResultPrinter.row("size", 0L, "avg_us", round(us)));
            }
            case "osu-allreduce", "osu-bcast", "osu-alltoall" -> {
                out.println("# OSU MPI " + TITLES.get(name) + " Latency Test (bxiemu, " + ranks + " ranks, progress "
                        + engine + ")");
                out.printf(Locale.ROOT, "%-12s%20s%n", "# Size", "Avg Latency(us)");
                for (long size : p.sizes()) {
                    double us = result.counterSum("osu.collective." + size) / (double) (ranks * p.iterations()) / 1e6;
                    out.printf(Locale.ROOT, "%-12d%20.2f%n", size, us);
                    rows.add(ResultPrinter.row("size", size, "avg_us", round(us)));
                }
            }
            case "osu-iallreduce", "osu-ibcast", "osu-ialltoall" -> {
                out.println("# OSU MPI Non-blocking " + TITLES.get(name) + " Latency Test (bxiemu, " + ranks
                        + " ranks, progress " + engine + ")");
                out.printf(Locale.ROOT, "%-12s%16s%16s%16s%16s%n", "# Size", "Overall(us)", "Compute(us)",
                        "Pure Comm.(us)", "Overlap(%)");
                for (long size : p.sizes()) {
                    double n = ranks * (double) p.iterations();
                    double overall = result.counterSum("osu.overall." + size) / n / 1e6;
                    double compute = result.counterSum("osu.compute." + size) / n / 1e6;
                    double comm = result.counterSum("osu.comm." + size) / n / 1e6;
                    double overlap = comm == 0 ? 0 : Math.max(0, 100 * (1 - (overall - compute) / comm));
                    out.printf(Locale.ROOT, "%-12d%16.2f%16.2f%16.2f%16.2f%n", size, overall, compute, comm, overlap);
                    rows.add(ResultPrinter.row("size", size, "overall_us", round(overall), "comm_us", round(comm),
                            "compute_us", round(compute), "overlap_pct", round(overlap)));
                }
            }
            default -> throw new IllegalStateException("no OSU report for " + name);
        }
        figures.figure("benchmark", name, null).figure("progress", engine, "progress").figure("ranks", ranks, "ranks")
                .figure("rows", rows, null);
    }


    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
