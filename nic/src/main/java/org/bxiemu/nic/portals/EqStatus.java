package org.bxiemu.nic.portals;

/**
 * Occupancy of an event queue, as this library tracks it.
 *
 * @param capacity events it holds (the count given to {@code eqAlloc})
 * @param reserved extra slots kept for PT_DISABLED, one per flow-controlled portal table entry using it
 * @param pending events written and not yet reported consumed ({@code eqConsumed})
 * @param dropped events discarded because the queue was full, since allocation
 */
public record EqStatus(int capacity, int reserved, int pending, long dropped) {
}
