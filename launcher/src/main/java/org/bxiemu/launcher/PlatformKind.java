package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;

/** One kind of platform a run can build from its configuration (selected by {@code run.platform}). */
public interface PlatformKind {
    String name();

    Platform build(Config config);

    /** Virtual time at which the run stops. */
    long endTime(Config config);
}
