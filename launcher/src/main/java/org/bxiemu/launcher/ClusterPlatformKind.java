package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.job.ClusterPlatform;

/** Compute nodes (with or without the fabric) running one job launched through the kernels' RPCs. */
final class ClusterPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Platform build(Config config) {
        return ClusterPlatform.build(config, ClusterPlatform.builtins(config));
    }

    /** The run ends when the job's last thread has exited and the nodes fall silent. */
    @Override
    public long endTime(Config config) {
        return Durations.parse(config.getString("run.end"), "run.end");
    }
}
