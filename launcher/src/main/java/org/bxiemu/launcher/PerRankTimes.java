package org.bxiemu.launcher;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.RunResult;
import org.bxiemu.mpi.osu.OsuParameters;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/**
 * The spread behind an OSU benchmark's average: each rank's own time per call, per message size,
 * from the counter every rank keeps on its core (the benchmark sums a rank's timed iterations;
 * dividing by the iterations gives that rank's mean time per call). These are per-rank means, not
 * per-iteration samples: the OSU programs record no single iterations.
 */
final class PerRankTimes {
    /** The counter each benchmark's ranks keep per size (non-blocking: overall time, compute included). */
    private static final Map<String, String> COUNTER = Map.of("osu-latency", "osu.latency", "osu-barrier",
            "osu.collective", "osu-allreduce", "osu.collective", "osu-bcast", "osu.collective", "osu-alltoall",
            "osu.collective", "osu-iallreduce", "osu.overall", "osu-ibcast", "osu.overall", "osu-ialltoall",
            "osu.overall");

    private PerRankTimes() {}

    /** Rows {run, size, core, us}, by size then core; none for programs that are not an OSU collective or latency. */
    static List<Map<String, Object>> rows(String label, RunResult result, Config config) {
        if (!config.getString("run.platform").equals("cluster")) return List.of();
        String prefix = COUNTER.get(config.getString("job.program"));
        if (prefix == null) return List.of();
        int iterations = OsuParameters.from(config).iterations();
        TreeMap<Long, TreeMap<String, Long>> bySize = new TreeMap<>();
        for (ComponentStatistics c : result.components()) {
            for (Counter k : c.getCountersList()) {
                if (!k.getName().startsWith(prefix + ".")) continue;
                long size;
                try {
                    size = Long.parseLong(k.getName().substring(prefix.length() + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                bySize.computeIfAbsent(size, s -> new TreeMap<>()).merge(c.getId(), k.getValue(), Long::sum);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<Long, TreeMap<String, Long>> s : bySize.entrySet()) {
            for (Map.Entry<String, Long> core : s.getValue().entrySet()) {
                rows.add(org.bxiemu.launcher.output.ResultPrinter.row("run", label, "size", s.getKey(), "core",
                        core.getKey(), "us", Math.round(core.getValue() / (double) iterations / 1e3) / 1000.0));
            }
        }
        return rows;
    }
}
