package org.bxiemu.nic.portals;

/** Options of a portal table entry ({@code PtlPTAlloc}). */
public enum PtOption {
    /**
     * Flow control: on resource exhaustion (no matching entry, no room left in the event queue,
     * no room for one more unexpected header) the entry disables itself, posts PT_DISABLED, and
     * answers the operation with {@link NiFail#PT_DISABLED}, until {@code ptEnable}.
     */
    FLOWCTRL
}
