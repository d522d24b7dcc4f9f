package org.bxiemu.node;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Durations;

/** The {@code node.*} parameters (times in ps). */
public record NodeSettings(int cores, int sockets, long coreLinkLatency, long remoteSocketExtra, long ipiLatency,
        boolean deviceForwarding) {

    public NodeSettings {
        if (cores < 1 || cores > 1024) throw new BadInputException("node.cores: " + cores + " is out of range 1..1024");
        if (sockets < 1 || cores % sockets != 0) {
            throw new BadInputException("node.sockets: " + sockets + " must divide node.cores (" + cores + ")");
        }
        if (coreLinkLatency <= 0) throw new BadInputException("node.core-link-latency: must be positive");
        if (remoteSocketExtra < 0) throw new BadInputException("node.remote-socket-extra: must not be negative");
        if (ipiLatency < 0) throw new BadInputException("node.ipi-latency: must not be negative");
    }

    public static NodeSettings from(Config config) {
        Config c = config.getConfig("node");
        return new NodeSettings(c.getInt("cores"), c.getInt("sockets"),
                Durations.parse(c.getString("core-link-latency"), "node.core-link-latency"),
                Durations.parse(c.getString("remote-socket-extra"), "node.remote-socket-extra"),
                Durations.parse(c.getString("ipi-latency"), "node.ipi-latency"),
                c.getBoolean("device-forwarding"));
    }

    public int socketOf(int core) {
        return core / (cores / sockets);
    }
}
