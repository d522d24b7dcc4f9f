package org.bxiemu.mpi;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.engine.units.Sizes;

/** The {@code mpi.*} parameters: protocol thresholds, buffers and the library's costs. */
public record MpiSettings(String progress, boolean progressThreadSpare, long eagerThreshold, int eventQueueSize, int overflowBuffers,
        long overflowBufferSize, int uintrVector, long interruptModeration, long xuiTimerPeriod, long idlePollTimerPeriod, long waitTimeout, Cost callOverhead, Cost postReceive,
        Cost eventHandling, Bandwidth copyBandwidth, Bandwidth reduceBandwidth,
        java.util.Map<org.bxiemu.mpi.collective.Collective, String> algorithms, long offloadAllreduceLimit,
        org.bxiemu.mpi.runtime.shm.ShmSettings shm) {

    /** The algorithm configured for {@code c} ({@code mpi.collectives.<name>}), or the selector's choice. */
    public java.util.Optional<String> algorithm(org.bxiemu.mpi.collective.Collective c) {
        String name = algorithms.getOrDefault(c, "auto");
        return name.equals("auto") ? java.util.Optional.empty() : java.util.Optional.of(name);
    }


    public MpiSettings {
        if (eagerThreshold < 0) throw new BadInputException("mpi.eager-threshold: must not be negative");
        if (eventQueueSize < 64) throw new BadInputException("mpi.event-queue-size: must be at least 64");
        if (waitTimeout <= 0) throw new BadInputException("mpi.wait-timeout: must be positive");
        if (idlePollTimerPeriod <= 0) throw new BadInputException("mpi.idle-poll.timer-period: must be positive");
        if (overflowBuffers < 2) throw new BadInputException("mpi.overflow-buffers: must be at least 2");
        if (overflowBufferSize < 2 * eagerThreshold) {
            throw new BadInputException("mpi.overflow-buffer-size: must hold at least two eager messages ("
                    + 2 * eagerThreshold + "B)");
        }
    }

    private static boolean spare(String core) {
        return switch (core) {
            case "spare" -> true;
            case "shared" -> false;
            default -> throw new BadInputException("mpi.progress-thread.core: '" + core + "' is not spare or shared");
        };
    }

    public static MpiSettings from(Config config) {
        Config c = config.getConfig("mpi");
        org.bxiemu.mpi.runtime.ProgressEngine.named(c.getString("progress")); // checks the name
        if (c.getString("progress").equals("xui") && !(config.getBoolean("core.uintr.tracked")
                && config.getBoolean("node.device-forwarding"))) {
            throw new BadInputException("mpi.progress: xui needs xUI hardware: core.uintr.tracked = on and"
                    + " node.device-forwarding = on (configs/platforms/xui.conf sets both)");
        }
        int vector = c.getInt("uintr.vector");
        if (vector < 0 || vector > 63) throw new BadInputException("mpi.uintr.vector: " + vector + " is not in 0..63");
        return new MpiSettings(
                c.getString("progress"),
                spare(c.getString("progress-thread.core")),
                Sizes.parse(c.getString("eager-threshold"), "mpi.eager-threshold"),
                c.getInt("event-queue-size"),
                c.getInt("overflow-buffers"),
                Sizes.parse(c.getString("overflow-buffer-size"), "mpi.overflow-buffer-size"),
                vector,
                org.bxiemu.engine.units.Durations.parse(c.getString("interrupt-moderation"), "mpi.interrupt-moderation"),
                org.bxiemu.engine.units.Durations.parse(c.getString("xui.timer-period"), "mpi.xui.timer-period"),
                org.bxiemu.engine.units.Durations.parse(c.getString("idle-poll.timer-period"), "mpi.idle-poll.timer-period"),
                org.bxiemu.engine.units.Durations.parse(c.getString("wait-timeout"), "mpi.wait-timeout"),
                Cost.parse(c.getString("costs.call"), "mpi.costs.call"),
                Cost.parse(c.getString("costs.post-receive"), "mpi.costs.post-receive"),
                Cost.parse(c.getString("costs.event"), "mpi.costs.event"),
                Bandwidth.parse(c.getString("costs.copy-bandwidth"), "mpi.costs.copy-bandwidth"),
                Bandwidth.parse(c.getString("costs.reduce-bandwidth"), "mpi.costs.reduce-bandwidth"),
                algorithms(c.getConfig("collectives")),
                Sizes.parse(c.getString("offload.allreduce-limit"), "mpi.offload.allreduce-limit"),
                org.bxiemu.mpi.runtime.shm.ShmSettings.from(c, c.getString("progress")));
    }

    private static java.util.Map<org.bxiemu.mpi.collective.Collective, String> algorithms(Config c) {
        java.util.Map<org.bxiemu.mpi.collective.Collective, String> out =
                new java.util.EnumMap<>(org.bxiemu.mpi.collective.Collective.class);
        for (org.bxiemu.mpi.collective.Collective k : org.bxiemu.mpi.collective.Collective.values()) {
            String key = k.name().toLowerCase(java.util.Locale.ROOT);
            String name = c.hasPath(key) ? c.getString(key) : "auto";
            if (!name.equals("auto")) {
                try {
                    org.bxiemu.mpi.collective.CollectiveSelector.byName(k, name);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("mpi.collectives." + key + ": " + e.getMessage());
                }
            }
            out.put(k, name);
        }
        return out;
    }
}
