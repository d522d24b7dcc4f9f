package org.bxiemu.fabric;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Sizes;

/**
 * The {@code switch.*} link and buffer parameters of reference.conf. A link's latency in the
 * direction into a switch is cable + hop latency (the switch's forwarding delay is paid on the
 * way in, so the switch forwards a head as soon as it arrives); towards a NIC it is the cable only.
 */
public record FabricSettings(Bandwidth linkBandwidth, long cableLatency, long hopLatency, long inputBuffer) {

    public FabricSettings {
        if (cableLatency <= 0) throw new BadInputException("switch.cable-latency: must be positive");
        if (hopLatency < 0) throw new BadInputException("switch.hop-latency: must not be negative");
        if (inputBuffer < 64) throw new BadInputException("switch.input-buffer: must be at least 64B");
    }

    public static FabricSettings from(Config config) {
        Config c = config.getConfig("switch");
        return new FabricSettings(
                Bandwidth.parse(c.getString("link-bandwidth"), "switch.link-bandwidth"),
                Durations.parse(c.getString("cable-latency"), "switch.cable-latency"),
                Durations.parse(c.getString("hop-latency"), "switch.hop-latency"),
                Sizes.parse(c.getString("input-buffer"), "switch.input-buffer"));
    }

    /** Latency of a link direction that ends in a switch. */
    public long intoSwitch() {
        return cableLatency + hopLatency;
    }

    /** Latency of a link direction that ends in a NIC. */
    public long intoNic() {
        return cableLatency;
    }
}
