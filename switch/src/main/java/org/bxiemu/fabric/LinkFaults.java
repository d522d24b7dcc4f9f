package org.bxiemu.fabric;

import java.util.SplittableRandom;

/**
 * What happens to a packet as it goes onto a link: delivered, lost, or delivered corrupted (the
 * receiving NIC's CRC check drops it). Fault plans (in virtual time) implement this; draws come
 * from the sending component's own random stream, so faulty runs stay deterministic, and a
 * fault-free policy draws nothing, so it leaves clean runs unchanged.
 */
public interface LinkFaults {
    enum Fate { DELIVER, LOSE, CORRUPT }

    /** The fate of a packet leaving component {@code sender} by {@code port} at {@code now}. */
    Fate fate(String sender, int port, long now, SplittableRandom rng);

    /**
     * Extra latency of a packet that leaves by {@code port} at {@code now} and is not lost, in ps
     * (a fault plan's link delay); none by default.
     */
    default long extraDelay(int port, long now, SplittableRandom rng) {
        return 0;
    }

    LinkFaults NONE = (sender, port, now, rng) -> Fate.DELIVER;

    /** Every link loses a fraction {@code loss} of packets and corrupts a fraction {@code corruption}. */
    static LinkFaults uniform(double loss, double corruption) {
        if (!(loss >= 0 && corruption >= 0 && loss + corruption <= 1)) {
            throw new IllegalArgumentException("loss and corruption rates must be in 0..1, were " + loss + ", " + corruption);
        }
        return (sender, port, now, rng) -> {
            double draw = rng.nextDouble();
            if (draw < loss) return Fate.LOSE;
            return draw < loss + corruption ? Fate.CORRUPT : Fate.DELIVER;
        };
    }
}
