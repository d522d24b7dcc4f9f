package org.bxiemu.nic.portals;

/**
 * Handle of an event queue, allocated sequentially per network interface, never reused.
 * {@link #NONE} (Portals' {@code PTL_EQ_NONE}) means "no event queue": full events that would go
 * to it are simply not generated.
 */
public record EqHandle(int value) {

    private static final int NONE_VALUE = -1;
    /** No event queue. */
    public static final EqHandle NONE = new EqHandle(NONE_VALUE);

    public EqHandle {
        if (value < 0 && value != NONE_VALUE) {
            throw new IllegalArgumentException("EQ handle must be >= 0 (or NONE), got " + value);
        }
    }

    public boolean isNone() {
        return value == NONE_VALUE;
    }

    @Override
    public String toString() {
        return isNone() ? "eq-none" : "eq" + value;
    }
}
