package org.bxiemu.nic.portals;

/**
 * Bookkeeping of an event queue whose slots live in host memory: how many events are written and
 * not yet consumed, and what was dropped.
 *
 * <p>Full queue: Portals lets the newest events overwrite the oldest and flags the gap with
 * {@code PTL_EQ_DROPPED}. Here the NIC never overwrites a slot the host may be reading: an event
 * that finds the queue full is discarded and counted, and the next stored event carries
 * {@code droppedBefore}, so the reader still learns, in order, that events were lost. Each
 * flow-controlled portal table entry using the queue reserves one extra slot for its PT_DISABLED
 * event (as the Portals implementation notes for {@code PtlEQAlloc} advise).
 */
final class EventQueue {

    final EqHandle handle;
    final int capacity;
    int reserved;
    int pending;
    long dropped;
    long nextSequence;
    boolean droppedSinceLastStored;

    EventQueue(EqHandle handle, int capacity) {
        this.handle = handle;
        this.capacity = capacity;
    }

    boolean full() {
        return pending >= capacity;
    }

    /** Stores or drops {@code event}; {@code useReserve} is for PT_DISABLED events only. */
    Effect post(Event event, boolean useReserve) {
        int limit = capacity + (useReserve ? reserved : 0);
        if (pending >= limit) {
            dropped++;
            droppedSinceLastStored = true;
            return new Effect.EventDropped(handle, event);
        }
        pending++;
        Effect e = new Effect.PostEvent(handle, nextSequence++, droppedSinceLastStored, event);
        droppedSinceLastStored = false;
        return e;
    }

    EqStatus status() {
        return new EqStatus(capacity, reserved, pending, dropped);
    }
}
