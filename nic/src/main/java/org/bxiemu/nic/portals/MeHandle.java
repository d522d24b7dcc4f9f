package org.bxiemu.nic.portals;

/**
 * Handle of a match list entry, allocated sequentially per network interface and never reused
 * (so a stale handle can be told from a live one, as the Portals implementation notes advise).
 */
public record MeHandle(int value) {
    public MeHandle {
        if (value < 0) {
            throw new IllegalArgumentException("ME handle must be >= 0, got " + value);
        }
    }

    @Override
    public String toString() {
        return "me" + value;
    }
}
