package org.bxiemu.node;

/** What a core spends each picosecond on; exported as statistics {@code core.time.<name>} (ps). */
public enum CoreTime {
    COMPUTE("compute"),
    LIBRARY("library"),
    POLLING("polling"),
    INTERRUPT("interrupt-delivery"),
    HANDLER("handler"),
    KERNEL("kernel"),
    IDLE("idle");

    private final String label;

    CoreTime(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String counter() {
        return "core.time." + label;
    }
}
