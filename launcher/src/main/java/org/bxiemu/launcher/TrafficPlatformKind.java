package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.nic.bench.TrafficPlatform;

/** The configured fabric with a NIC and a Put-traffic host on every node. */
final class TrafficPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "traffic-bench";
    }

    @Override
    public Platform build(Config config) {
        return TrafficPlatform.build(config);
    }

    /** The traffic ends when every Put has landed; this only bounds a run that would not. */
    @Override
    public long endTime(Config config) {
        return 10 * Durations.S;
    }
}
