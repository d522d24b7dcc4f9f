package org.bxiemu.nic.portals;

/** Handle of a memory descriptor, allocated sequentially per network interface, never reused. */
public record MdHandle(int value) {
    public MdHandle {
        if (value < 0) {
            throw new IllegalArgumentException("MD handle must be >= 0, got " + value);
        }
    }

    @Override
    public String toString() {
        return "md" + value;
    }
}
