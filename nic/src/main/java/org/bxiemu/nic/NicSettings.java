package org.bxiemu.nic;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Sizes;

/** The {@code nic.*} parameters of reference.conf, parsed and checked (sizes in bytes, times in ps). */
public record NicSettings(long mtu, long packetHeader, long commandLatency, long packetGap, long retransmitTimeout,
        long ackDelay, long pcieLatency) {

    public NicSettings {
        if (mtu < 1 || mtu > 1 << 20) throw new BadInputException("nic.mtu: " + mtu + "B is out of range 1B..1MiB");
        if (packetHeader < 1) throw new BadInputException("nic.packet-header: must be at least 1B");
        if (commandLatency < 0) throw new BadInputException("nic.command-latency: must not be negative");
        if (packetGap < 0) throw new BadInputException("nic.packet-gap: must not be negative");
        if (retransmitTimeout <= 0) throw new BadInputException("nic.retransmit-timeout: must be positive");
        if (ackDelay < 0) throw new BadInputException("nic.ack-delay: must not be negative");
        if (ackDelay * 2 >= retransmitTimeout) {
            throw new BadInputException("nic.ack-delay: must be under half of nic.retransmit-timeout, or every packet"
                    + " would be sent twice");
        }
        if (pcieLatency <= 0) throw new BadInputException("nic.pcie-latency: must be positive");
    }

    public static NicSettings from(Config config) {
        Config c = config.getConfig("nic");
        return new NicSettings(
                Sizes.parse(c.getString("mtu"), "nic.mtu"),
                Sizes.parse(c.getString("packet-header"), "nic.packet-header"),
                Durations.parse(c.getString("command-latency"), "nic.command-latency"),
                Durations.parse(c.getString("packet-gap"), "nic.packet-gap"),
                Durations.parse(c.getString("retransmit-timeout"), "nic.retransmit-timeout"),
                Durations.parse(c.getString("ack-delay"), "nic.ack-delay"),
                Durations.parse(c.getString("pcie-latency"), "nic.pcie-latency"));
    }
}
