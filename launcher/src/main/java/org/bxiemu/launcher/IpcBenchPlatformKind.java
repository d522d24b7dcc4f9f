package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.bench.IpcBench;

/** One node whose two threads run the IPC ping-pong benchmark. */
final class IpcBenchPlatformKind implements PlatformKind {
    @Override
    public String name() {
        return "ipc-bench";
    }

    @Override
    public Platform build(Config config) {
        return IpcBench.build(config);
    }

    /** The threads exit when done and the run ends when the node falls silent; this only bounds it. */
    @Override
    public long endTime(Config config) {
        return 100 * Durations.S;
    }
}
