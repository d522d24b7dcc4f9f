package org.bxiemu.fabric;

import java.util.List;
import java.util.SplittableRandom;
import org.bxiemu.engine.faults.Fault;

/**
 * The link faults of one component's ports, from the fault plan: when each port's cable is down
 * (lost packets), and the loss, corruption and delay entries on it. Draws come from the sending
 * component's stream, one per active rate entry and packet, so a port with no entry draws nothing.
 * A delayed link still delivers in order: a packet never arrives before the one sent before it.
 */
final class PlannedLinkFaults implements LinkFaults {
    /** Everything that applies to one port; {@code down} holds [from, to) pairs. */
    record PortPlan(long[] down, List<Fault.PacketLoss> losses, List<Fault.PacketCorruption> corruptions,
            List<Fault.LinkDelay> delays) {
        boolean isEmpty() {
            return down.length == 0 && losses.isEmpty() && corruptions.isEmpty() && delays.isEmpty();
        }
    }

    private final PortPlan[] ports; // null where nothing applies
    /** Per port, the extra delay's end of the last packet sent (send time + extra), for in-order delivery. */
    private final long[] lastExtraEnd;

    PlannedLinkFaults(PortPlan[] ports) {
        this.ports = ports;
        this.lastExtraEnd = new long[ports.length];
    }

    @Override
    public Fate fate(String sender, int port, long now, SplittableRandom rng) {
        PortPlan p = port < ports.length ? ports[port] : null;
        if (p == null) return Fate.DELIVER;
        long[] down = p.down();
        for (int i = 0; i < down.length; i += 2) {
            if (now >= down[i] && now < down[i + 1]) return Fate.LOSE;
        }
        for (Fault.PacketLoss l : p.losses()) {
            if (l.when().covers(now) && rng.nextDouble() < l.rate()) return Fate.LOSE;
        }
        for (Fault.PacketCorruption c : p.corruptions()) {
            if (c.when().covers(now) && rng.nextDouble() < c.rate()) return Fate.CORRUPT;
        }
        return Fate.DELIVER;
    }

    @Override
    public long extraDelay(int port, long now, SplittableRandom rng) {
        PortPlan p = port < ports.length ? ports[port] : null;
        if (p == null || p.delays().isEmpty()) return 0;
        long extra = 0;
        for (Fault.LinkDelay d : p.delays()) {
            if (!d.when().covers(now)) continue;
            extra += switch (d.distribution()) {
                case FIXED -> d.delay();
                case UNIFORM -> (long) (rng.nextDouble() * 2 * d.delay());
                // StrictMath: the same last bit whether interpreted or compiled
                case EXPONENTIAL -> (long) (-StrictMath.log(1 - rng.nextDouble()) * d.delay());
            };
        }
        extra = Math.max(extra, lastExtraEnd[port] - now); // never overtake the previous packet
        lastExtraEnd[port] = now + extra;
        return extra;
    }
}
