package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.nic.bench.PortalsBenchPlatform;

/** The configured fabric with NICs and the two Portals benchmark hosts. */
final class PortalsBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "portals-bench";
    }

    @Override
    public Platform build(Config config) {
        return PortalsBenchPlatform.build(config);
    }

    /** The benchmark ends when the hosts fall silent; this only bounds a run that would not. */
    @Override
    public long endTime(Config config) {
        return 10 * Durations.S;
    }
}
