package org.bxiemu.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.OptionalLong;
import org.bxiemu.engine.units.Durations;

/** The {@code engine.*} parameters of reference.conf, parsed and checked. */
public record EngineSettings(
        boolean fusion,
        java.util.OptionalInt partitions,
        int componentsPerPartition,
        OptionalLong lookahead,
        OptionalLong localLookahead,
        int chunkEvents,
        int chunksInFlight,
        int jvmStartTimeoutSeconds,
        boolean trace,
        TraceFilter traceFilter) {

    public EngineSettings {
        if (partitions.isPresent() && (partitions.getAsInt() < 1 || partitions.getAsInt() > 256)) {
            throw new BadInputException("engine.partitions-per-jvm: " + partitions.getAsInt()
                    + " is out of range 1..256");
        }
        if (componentsPerPartition < 1) {
            throw new BadInputException("engine.components-per-partition: must be at least 1, was "
                    + componentsPerPartition);
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
                    countOrAuto(c, "partitions-per-jvm"),
                    c.getInt("components-per-partition"),
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
        return new EngineSettings(on, partitions, componentsPerPartition, lookahead, localLookahead, chunkEvents,
                chunksInFlight, jvmStartTimeoutSeconds, trace, traceFilter);
    }

    public EngineSettings withPartitionsPerJvm(int n) {
        return new EngineSettings(fusion, java.util.OptionalInt.of(n), componentsPerPartition, lookahead,
                localLookahead, chunkEvents, chunksInFlight, jvmStartTimeoutSeconds, trace, traceFilter);
    }

    public EngineSettings withTrace(boolean on) {
        return new EngineSettings(fusion, partitions, componentsPerPartition, lookahead, localLookahead, chunkEvents,
                chunksInFlight, jvmStartTimeoutSeconds, on, traceFilter);
    }

    /**
     * Partitions per JVM: as set, or for {@code auto} one per {@code components-per-partition}
     * active components of {@code platform} (rounded, at least one, at most one per processor):
     * below that, two threads spend more on synchronising windows than they save (BENCHMARKS.md,
     * "Partitions for auto"). The count never changes results, only speed.
     */
    public EngineSettings forPlatform(Platform platform) {
        if (partitions.isPresent()) return this;
        long wanted = Math.round((double) platform.activeComponents() / componentsPerPartition);
        int processors = Runtime.getRuntime().availableProcessors();
        return withPartitionsPerJvm((int) Math.max(1, Math.min(Math.min(processors, 256), wanted)));
    }

    /** The partitions per JVM, once {@link #forPlatform} resolved {@code auto}. */
    public int partitionsPerJvm() {
        if (partitions.isEmpty()) throw new IllegalStateException("engine.partitions-per-jvm = auto: not resolved yet");
        return partitions.getAsInt();
    }

    private static java.util.OptionalInt countOrAuto(Config c, String key) {
        String v = c.getString(key);
        if (v.equals("auto")) return java.util.OptionalInt.empty();
        try {
            return java.util.OptionalInt.of(Integer.parseInt(v.trim()));
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
