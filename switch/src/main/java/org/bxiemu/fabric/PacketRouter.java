package org.bxiemu.fabric;

import java.util.SplittableRandom;
import org.bxiemu.protocol.fabric.Packet;

/** Chooses a switch's output port for a packet, from the fabric manager's tables. */
public interface PacketRouter {
    /**
     * The output port of switch {@code sw} towards the packet's intermediate switch if it has
     * one, else towards its destination; -1 if unreachable.
     */
    int route(int sw, Packet packet);

    /** Whether the first switch picks an intermediate switch per packet (Valiant routing). */
    default boolean picksIntermediate() {
        return false;
    }

    /** The intermediate switch for a packet entering the fabric at {@code sw}. */
    default int intermediate(int sw, Packet packet, SplittableRandom rng) {
        throw new UnsupportedOperationException("not a Valiant router");
    }
}
