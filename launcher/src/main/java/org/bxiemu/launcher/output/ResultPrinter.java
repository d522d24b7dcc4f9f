package org.bxiemu.launcher.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run's figures: an aligned human-readable table, and with {@code --json} one JSON
 * object as the last line of stdout (DESIGN.md §10), keys in insertion order.
 */
public final class ResultPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, String> lines = new LinkedHashMap<>();

    /** A figure that goes into the JSON object and, rendered by {@code human}, into the table. */
    public ResultPrinter figure(String jsonKey, Object value, String label, String human) {
        figures.put(jsonKey, value);
        if (label != null) lines.put(label, human);
        return this;
    }

    public ResultPrinter figure(String jsonKey, Object value, String label) {
        return figure(jsonKey, value, label, String.valueOf(value));
    }

    /** Every figure, in insertion order (what --json prints). */
    public Map<String, Object> figures() {
        return java.util.Collections.unmodifiableMap(figures);
    }

    public void print(PrintStream out, String title, boolean json) {
        out.println(title);
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        lines.forEach((label, value) -> out.println("  " + pad(label, width) + "  " + value));
        if (json) {
            try {
                out.println(JSON.writeValueAsString(figures));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("figures are plain values", e);
            }
        }
        out.flush();
    }

    /** A table row whose columns keep their order (in the JSON and the CSV): key, value, key, value... */
    public static Map<String, Object> row(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("a row needs key-value pairs");
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return row;
    }

    public static String millions(double perSecond) {
        return String.format(Locale.ROOT, "%.3f M/s", perSecond / 1e6);
    }

    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
