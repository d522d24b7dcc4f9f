package org.bxiemu.nic.portals;

/**
 * Something the NIC must do because of a decision of this library. Every call returns its effects
 * as an ordered list, and the NIC carries them out in that order (each may take virtual time: a
 * DMA, a packet). The order encodes the visibility rules: data effects come before the event or
 * counter update that announces them, and the ACK/REPLY comes after both.
 */
public sealed interface Effect {

    /**
     * Write payload bytes {@code [0, length)} of the message at hand to host memory at
     * {@code address}: the request's payload at a target, the reply's payload at an initiator.
     *
     * @param overflow true if the bytes land in an overflow-list entry (an unexpected message)
     */
    record Deposit(long address, long length, boolean overflow) implements Effect {
    }

    /** Read {@code length} bytes of host memory at {@code address}: the payload of the REPLY. */
    record Fetch(long address, long length) implements Effect {
    }

    /**
     * Atomically apply {@link Atomics#apply} at {@code address} over {@code length} bytes, with the
     * request's payload as the initiator's values (and, for CSWAP and MSWAP, {@code operand} as the
     * compare value or mask, little-endian). With {@code returnsOld}, the bytes there before the
     * update are the payload of the REPLY.
     */
    record AtomicUpdate(long address, long length, AtomicOp op, AtomicType type, long operand, boolean returnsOld)
            implements Effect {
    }

    /**
     * Write {@code event} into the event queue {@code eq}, at slot {@code sequence} (modulo the
     * queue's size; sequences count stored events per queue from 0). {@code droppedBefore} means
     * an event was discarded since the previous stored one: reading this event returns
     * {@code PTL_EQ_DROPPED}.
     */
    record PostEvent(EqHandle eq, long sequence, boolean droppedBefore, Event event) implements Effect {
    }

    /** The event queue was full and {@code event} was discarded (for statistics and traces only). */
    record EventDropped(EqHandle eq, Event event) implements Effect {
    }

    /** The counter now holds {@code value}: write it where the host reads it. */
    record CounterUpdate(CtHandle ct, CtValue value) implements Effect {
    }

    /** Send a request (a triggered operation fired). */
    record Send(Outgoing outgoing) implements Effect {
    }

    /** Send the acknowledgement or reply back to the initiator. */
    record Respond(Response response) implements Effect {
    }
}
