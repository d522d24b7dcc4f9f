package org.bxiemu.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.bxiemu.engine.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bxiemu compare A B}: what changed between two results directories — the configuration
 * keys that differ, then every figure that differs (numbers with their ratio B/A). Figures that
 * measure the host (wall time, events/s) are listed apart: they change between any two runs.
 */
@Command(name = "compare", description = "Prints what changed between two results directories (configuration and figures).")
final class CompareCommand implements Callable<Integer> {
    private static final Set<String> HOST_FIGURES = Set.of("wall_s", "total_wall_s", "events_per_s");

    @Parameters(index = "0", paramLabel = "A", description = "A results directory (results/<run>).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Another results directory.")
    Path b;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode left = summary(a);
        JsonNode right = summary(b);
        PrintStream out = Streams.out(spec);
        out.println("A: " + a + " (" + left.path("command").asText() + ")");
        out.println("B: " + b + " (" + right.path("command").asText() + ")");
        Map<String, String> ca = flatten(left.path("configuration"));
        Map<String, String> cb = flatten(right.path("configuration"));
        out.println("configuration:");
        int changed = 0;
        for (String key : union(ca, cb)) {
            String va = ca.getOrDefault(key, "(absent)");
            String vb = cb.getOrDefault(key, "(absent)");
            if (!va.equals(vb)) {
                out.println("  " + key + ": " + va + " -> " + vb);
                changed++;
            }
        }
        if (changed == 0) out.println("  (identical)");
        Map<String, String> fa = flatten(left.path("figures"));
        Map<String, String> fb = flatten(right.path("figures"));
        out.println("figures:");
        int differ = 0;
        StringBuilder host = new StringBuilder();
        for (String key : union(fa, fb)) {
            String va = fa.getOrDefault(key, "(absent)");
            String vb = fb.getOrDefault(key, "(absent)");
            if (va.equals(vb)) continue;
            String line = "  " + key + ": " + va + " -> " + vb + ratio(va, vb);
            if (HOST_FIGURES.contains(key)) {
                host.append(line).append('\n');
            } else {
                out.println(line);
                differ++;
            }
        }
        if (differ == 0) out.println("  (identical" + (fa.containsKey("digest") ? ", same digest" : "") + ")");
        if (!host.isEmpty()) out.print("host (differs between any two runs):\n" + host);
        out.flush();
        return Main.OK;
    }

    private static JsonNode summary(Path dir) {
        Path file = dir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("compare: " + dir + " is not a results directory (no summary.json)");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("compare: " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Leaves of a JSON tree by dotted path ({@code latency.3.us}), in sorted order. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) flatten(prefix + "." + i, node.get(i), out);
        } else if (!node.isMissingNode()) {
            out.put(prefix, node.asText());
        }
    }

    private static Set<String> union(Map<String, String> x, Map<String, String> y) {
        Set<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        return keys;
    }

    private static String ratio(String va, String vb) {
        try {
            double x = Double.parseDouble(va);
            double y = Double.parseDouble(vb);
            return x == 0 ? "" : String.format(Locale.ROOT, "  (x%.3f)", y / x);
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
