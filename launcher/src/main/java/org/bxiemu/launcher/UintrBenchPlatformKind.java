package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.bench.UintrBench;

/** One node whose receiver thread takes user interrupts from a sender, its KB timer or a device. */
final class UintrBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "uintr-bench";
    }

    @Override
    public Platform build(Config config) {
        return UintrBench.build(config);
    }

    @Override
    public long endTime(Config config) {
        return 100 * Durations.S;
    }
}
