package org.bxiemu.launcher;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.node.job.ClusterPlatform;

/**
 * The comparison a sweep prints: per run and message size, the benchmark's time (overall and
 * overlap for non-blocking ones) and where each rank's CPU went beyond its compute — polling,
 * interrupt delivery, handlers, kernel — in µs per rank over the whole run.
 */
final class SweepTable {
    private static final String[] CPU = {"polling", "interrupt-delivery", "handler", "kernel"};

    private SweepTable() {}

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(String label, Map<String, Object> figures, Config config) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object osuRows = figures.get("rows");
        Map<String, Long> cpu = (Map<String, Long>) figures.getOrDefault("core_time_ps", Map.of());
        int ranks = config.getString("run.platform").equals("cluster") ? ClusterPlatform.job(config).size() : 1;
        List<Map<String, Object>> sizes = osuRows instanceof List<?> l ? (List<Map<String, Object>>) l : List.of(Map.of());
        for (Map<String, Object> r : sizes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", label);
            row.putAll(r);
            for (String c : CPU) row.put("cpu_" + c.replace("-delivery", "") + "_us", round(cpu.getOrDefault(c, 0L) / 1e6 / ranks));
            out.add(row);
        }
        return out;
    }

    /**
     * Where each rank's core time went over the whole run, every kind but idle (compute, library,
     * polling, interrupt delivery, handler, kernel), in µs per rank: one row per run, for the
     * report's stacked bars. Idle is left out: it also counts cores that hold no rank.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> breakdown(String label, Map<String, Object> figures, Config config) {
        Map<String, Long> time = (Map<String, Long>) figures.getOrDefault("core_time_ps", Map.of());
        int ranks = config.getString("run.platform").equals("cluster") ? ClusterPlatform.job(config).size() : 1;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run", label);
        for (org.bxiemu.node.CoreTime t : org.bxiemu.node.CoreTime.values()) {
            if (t == org.bxiemu.node.CoreTime.IDLE) continue;
            row.put(t.label().replace('-', '_') + "_us", round(time.getOrDefault(t.label(), 0L) / 1e6 / ranks));
        }
        return row;
    }

    static void print(PrintStream out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) return;
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> r : rows) for (String k : r.keySet()) if (!columns.contains(k)) columns.add(k);
        int first = Math.max(4, rows.stream().mapToInt(r -> String.valueOf(r.get("run")).length()).max().orElse(4));
        out.println("# Comparison of the runs (cpu_*: each rank's CPU beyond its compute over the whole run, us)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + (first + 2) + "s", "# run"));
        for (String c : columns) if (!c.equals("run")) header.append(String.format(Locale.ROOT, "%16s", c));
        out.println(header);
        for (Map<String, Object> r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + (first + 2) + "s", r.get("run")));
            for (String c : columns) {
                if (c.equals("run")) continue;
                line.append(String.format(Locale.ROOT, "%16s", r.getOrDefault(c, "")));
            }
            out.println(line);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
