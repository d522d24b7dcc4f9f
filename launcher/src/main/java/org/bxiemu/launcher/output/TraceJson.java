package org.bxiemu.launcher.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.protocol.engine.TraceSpan;

/**
 * Writes spans as a Chrome/Perfetto trace-event file: one process per node (or switch), one
 * track per component (core, NIC, ...), complete events ("X") for spans and instant events
 * ("i") for zero-length ones (interrupts raised, faults). Timestamps are microseconds of
 * virtual time, exact to the picosecond.
 */
public final class TraceJson {
    private TraceJson() {}

    public static void write(Path file, List<TraceSpan> spans) throws IOException {
        Map<String, Integer> processes = new TreeMap<>();
        Map<String, Integer> tracks = new TreeMap<>();
        for (TraceSpan s : spans) {
            processes.putIfAbsent(owner(s.getComponent()), 0);
            tracks.putIfAbsent(s.getComponent(), 0);
        }
        int next = 1;
        for (Map.Entry<String, Integer> e : processes.entrySet()) e.setValue(next++);
        next = 1;
        for (Map.Entry<String, Integer> e : tracks.entrySet()) e.setValue(next++);
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeArrayFieldStart("traceEvents");
            for (Map.Entry<String, Integer> p : processes.entrySet()) {
                metadata(g, "process_name", p.getValue(), -1, p.getKey());
            }
            for (Map.Entry<String, Integer> t : tracks.entrySet()) {
                metadata(g, "thread_name", processes.get(owner(t.getKey())), t.getValue(), t.getKey());
            }
            for (TraceSpan s : spans) {
                g.writeStartObject();
                g.writeStringField("name", s.getName());
                g.writeStringField("cat", s.getCategory());
                boolean instant = s.getEnd() == s.getStart();
                g.writeStringField("ph", instant ? "i" : "X");
                g.writeNumberField("pid", processes.get(owner(s.getComponent())));
                g.writeNumberField("tid", tracks.get(s.getComponent()));
                g.writeNumberField("ts", micros(s.getStart()));
                if (instant) g.writeStringField("s", "t");
                else g.writeNumberField("dur", micros(s.getEnd() - s.getStart()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void metadata(JsonGenerator g, String kind, int pid, int tid, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", kind);
        g.writeStringField("ph", "M");
        g.writeNumberField("pid", pid);
        if (tid >= 0) g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", name);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The node (n0042) or switch a component id belongs to: its id up to the first dot. */
    private static String owner(String component) {
        int dot = component.indexOf('.');
        return dot < 0 ? component : component.substring(0, dot);
    }

    private static java.math.BigDecimal micros(long ps) {
        return java.math.BigDecimal.valueOf(ps, 6);
    }
}
