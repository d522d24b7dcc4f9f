package org.bxiemu.engine.stats;

/** A named count kept by one component; handed out once so the hot path avoids map look-ups. */
public final class Counter {
    private final String name;
    private long value;

    Counter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void increment() {
        value++;
    }

    public void add(long delta) {
        value += delta;
    }

    public long value() {
        return value;
    }
}
