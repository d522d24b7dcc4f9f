package org.bxiemu.nic.portals;

/**
 * Handle of a counting event (CT), allocated sequentially per network interface, never reused.
 * {@link #NONE} (Portals' {@code PTL_CT_NONE}) means "not counted".
 */
public record CtHandle(int value) {

    private static final int NONE_VALUE = -1;
    /** No counting event. */
    public static final CtHandle NONE = new CtHandle(NONE_VALUE);

    public CtHandle {
        if (value < 0 && value != NONE_VALUE) {
            throw new IllegalArgumentException("CT handle must be >= 0 (or NONE), got " + value);
        }
    }

    public boolean isNone() {
        return value == NONE_VALUE;
    }

    @Override
    public String toString() {
        return isNone() ? "ct-none" : "ct" + value;
    }
}
