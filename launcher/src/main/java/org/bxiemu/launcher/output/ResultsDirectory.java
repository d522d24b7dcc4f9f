package org.bxiemu.launcher.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes one run's results under {@code <out>/<run>/}: {@code summary.json} (the fully resolved
 * configuration of every bxiemu component, seed, digest, versions, wall time, events and every
 * figure), one CSV per table (a figure whose value is a list of rows or a map), and a
 * {@code README.txt} saying what each file is. The directory is assembled aside and renamed into
 * place, so a results directory is either complete or absent.
 */
public final class ResultsDirectory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsDirectory() {}

    /** Writes the results and returns their directory. */
    public static Path write(Path out, String runName, String command, Config config, Map<String, Object> figures,
            Map<String, String> versions, List<org.bxiemu.protocol.engine.TraceSpan> spans,
            List<org.bxiemu.protocol.engine.ComponentStatistics> components) {
        return write(out, runName, command, config, figures, versions, spans, components, null);
    }

    /**
     * Writes what a run cut short got to ({@code "partial": true} in summary.json, the reason on
     * README.txt's first lines) and returns the directory; written aside and renamed into place
     * like complete results.
     */
    public static Path writePartial(Path out, String runName, String command, Config config,
            Map<String, Object> figures, Map<String, String> versions, String reason) {
        return write(out, runName, command, config, figures, versions, List.of(), List.of(), reason);
    }

    private static Path write(Path out, String runName, String command, Config config, Map<String, Object> figures,
            Map<String, String> versions, List<org.bxiemu.protocol.engine.TraceSpan> spans,
            List<org.bxiemu.protocol.engine.ComponentStatistics> components, String partialReason) {
        try {
            Files.createDirectories(out);
            Path target = unique(out, runName);
            Path staging = Files.createTempDirectory(out, "." + target.getFileName() + ".");
            List<String> readme = new ArrayList<>();
            readme.add("bxiemu results of: ./bxiemu " + command);
            if (partialReason != null) {
                readme.add("");
                readme.add("PARTIAL RESULTS: the run did not finish (" + partialReason + ").");
                readme.add("Only the figures up to the virtual time reached are here; there are no tables or trace.");
            }
            readme.add("");
            readme.add("summary.json   configuration (every bxiemu key, resolved), seed, digest, versions, wall time,");
            readme.add("               events and every figure the command printed");
            Map<String, Object> scalars = new LinkedHashMap<>();
            for (Map.Entry<String, Object> f : figures.entrySet()) {
                String csv = toCsv(f.getValue());
                if (csv == null) {
                    scalars.put(f.getKey(), f.getValue());
                    continue;
                }
                String file = f.getKey() + ".csv";
                Files.writeString(staging.resolve(file), csv, StandardCharsets.UTF_8);
                readme.add(String.format(Locale.ROOT, "%-14s the table '%s' (also in summary.json's figures)", file, f.getKey()));
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.put("command", command);
            summary.put("run", target.getFileName().toString());
            if (partialReason != null) {
                summary.put("partial", true);
                summary.put("partial_reason", partialReason);
            }
            summary.set("versions", JSON.valueToTree(versions));
            summary.set("figures", JSON.valueToTree(figures));
            summary.set("configuration", configuration(config));
            Files.writeString(staging.resolve("summary.json"), JSON.writeValueAsString(summary) + "\n",
                    StandardCharsets.UTF_8);
            if (partialReason == null) {
                Files.writeString(staging.resolve("counters.csv"), counters(components), StandardCharsets.UTF_8);
                readme.add("counters.csv   every statistic summed per kind of component (core, kernel, node, nic, switch...):");
                readme.add("               kind, counter, components that have it, sum (times in ps)");
            }
            if (!spans.isEmpty()) {
                TraceJson.write(staging.resolve("trace.json"), spans);
                readme.add("trace.json     the run's trace (Chrome/Perfetto trace-event format: open it in ui.perfetto.dev");
                readme.add("               or chrome://tracing): a track per core (compute, library, polling, interrupt-");
                readme.add("               delivery, handler, kernel, idle), per NIC (commands, packets, interrupts)");
            }
            if (partialReason == null && ReportHtml.write(staging.resolve("report.html"), command, figures)) {
                readme.add("report.html    the runs compared in charts: time and overlap against message size, each");
                readme.add("               rank's core time by kind per run, the ranks' spread of times (one");
                readme.add("               self-contained page: open it in a browser)");
            }
            readme.add("README.txt     this file");
            Files.writeString(staging.resolve("README.txt"), String.join("\n", readme) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results under " + out + ": " + e.getMessage(), e);
        }
    }

    /** Counters summed per component kind: the id without its node or switch prefix and digits. */
    static String counters(List<org.bxiemu.protocol.engine.ComponentStatistics> components) {
        Map<String, long[]> sums = new TreeMap<>();
        for (org.bxiemu.protocol.engine.ComponentStatistics c : components) {
            String id = c.getId();
            String kind = (id.contains(".") ? id.substring(id.indexOf('.') + 1) : id).replaceAll("[0-9]+", "");
            for (org.bxiemu.protocol.engine.Counter k : c.getCountersList()) {
                long[] s = sums.computeIfAbsent(kind + "," + k.getName(), x -> new long[2]);
                s[0]++;
                s[1] += k.getValue();
            }
        }
        StringBuilder sb = new StringBuilder("kind,counter,components,sum\n");
        sums.forEach((key, s) -> sb.append(key).append(',').append(s[0]).append(',').append(s[1]).append('\n'));
        return sb.toString();
    }

    /** {@code <out>/<name>}, or with a -2, -3, ... suffix if taken. */
    private static Path unique(Path out, String name) {
        Path p = out.resolve(name);
        for (int i = 2; Files.exists(p); i++) p = out.resolve(name + "-" + i);
        return p;
    }

    /** The resolved values of every bxiemu component's section, and run. */
    private static JsonNode configuration(Config config) throws IOException {
        Map<String, JsonNode> sections = new TreeMap<>();
        List<String> names = new ArrayList<>(config.getConfig("bxiemu.components").root().keySet());
        for (String name : names) {
            if (!config.hasPath(name)) continue;
            String json = config.getValue(name).render(ConfigRenderOptions.concise().setJson(true));
            sections.put(name, JSON.readTree(json));
        }
        return JSON.valueToTree(sections);
    }

    /** A CSV for a list of rows (maps with the same keys) or a map of values; null for anything else. */
    @SuppressWarnings("unchecked")
    static String toCsv(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(r -> r instanceof Map)) {
            List<String> columns = new ArrayList<>(((Map<String, Object>) list.get(0)).keySet());
            StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
            for (Object row : list) {
                Map<String, Object> r = (Map<String, Object>) row;
                sb.append(String.join(",", columns.stream().map(c -> cell(r.get(c))).toList())).append('\n');
            }
            return sb.toString();
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty() && map.values().stream().noneMatch(v -> v instanceof Map
                || v instanceof List)) {
            StringBuilder sb = new StringBuilder("name,value\n");
            map.forEach((k, v) -> sb.append(cell(k)).append(',').append(cell(v)).append('\n'));
            return sb.toString();
        }
        return null;
    }

    private static String cell(Object v) {
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The run directories under {@code out} (for tests and compare). */
    public static List<Path> runs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
