package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.phold.Phold;
import org.bxiemu.engine.phold.PholdParameters;

/** PHOLD's logical processes on one mesh link: the engine's benchmark platform. */
final class PholdPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "phold";
    }

    @Override
    public Platform build(Config config) {
        return Phold.platform(PholdParameters.from(config));
    }

    @Override
    public long endTime(Config config) {
        return PholdParameters.from(config).end();
    }

    @Override
    public boolean runsToItsEnd() {
        return true;
    }
}
