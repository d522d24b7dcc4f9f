package org.bxiemu.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.OptionalLong;
import org.bxiemu.engine.units.Durations;

/** The {@code engine.*} parameters of reference.conf, parsed and checked. */
public record EngineSettings(
        boolean fusion,
        int partitionsPerJvm,
        OptionalLong lookahead,
        OptionalLong localLookahead,
        int chunkEvents,
        int chunksInFlight,
        int jvmStartTimeoutSeconds,
        boolean trace,
        TraceFilter traceFilter) {

    public EngineSettings {
        if (partitionsPerJvm < 1 || partitionsPerJvm > 256) {
            throw new BadInputException("engine.partitions-per-jvm: " + partitionsPerJvm + " is out of range 1..256");
        }
        if (chunkEvents < 1) throw new BadInputException("engine.chunk-events: must be at least 1");
        if (chunksInFlight < 1 || chunksInFlight > 1024) {
            throw new BadInputException("engine.chunks-in-flight: " + chunksInFlight + " is out of range 1..1024");
        }
    }

    public static EngineSettings from(Config config) {
        Config c = config.getConfig("engine");
        try {
            return new EngineSettings(
                    c.getBoolean("fusion"),
                    countOrAuto(c, "partitions-per-jvm", Runtime.getRuntime().availableProcessors()),
                    durationOrAuto(c, "lookahead"),
                    durationOrAuto(c, "local-lookahead"),
                    c.getInt("chunk-events"),
                    c.getInt("chunks-in-flight"),
                    c.getInt("jvm-start-timeout"),
                    c.getBoolean("trace"),
                    TraceFilter.from(c));
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(e.getMessage());
        }
    }

    public EngineSettings withFusion(boolean on) {
        return new EngineSettings(on, partitionsPerJvm, lookahead, localLookahead, chunkEvents, chunksInFlight,
                jvmStartTimeoutSeconds, trace, traceFilter);
    }

    public EngineSettings withPartitionsPerJvm(int n) {
        return new EngineSettings(fusion, n, lookahead, localLookahead, chunkEvents, chunksInFlight,
                jvmStartTimeoutSeconds, trace, traceFilter);
    }

    public EngineSettings withTrace(boolean on) {
        return new EngineSettings(fusion, partitionsPerJvm, lookahead, localLookahead, chunkEvents, chunksInFlight,
                jvmStartTimeoutSeconds, on, traceFilter);
    }

    private static int countOrAuto(Config c, String key, int auto) {
        String v = c.getString(key);
        if (v.equals("auto")) return auto;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("engine." + key + ": '" + v + "' is neither a count nor \"auto\"");
        }
    }

    private static OptionalLong durationOrAuto(Config c, String key) {
        String v = c.getString(key);
        if (v.equals("auto")) return OptionalLong.empty();
        long ps = Durations.parse(v, "engine." + key);
        if (ps <= 0) throw new BadInputException("engine." + key + ": must be positive, was " + v);
        return OptionalLong.of(ps);
    }
}
