package org.bxiemu.engine;

import java.util.Arrays;

/** A growable list of events in parallel primitive arrays: an actor-mode batch or its output. */
final class EventBuffer {
    long[] time = new long[16];
    long[] order = new long[16];
    int[] target = new int[16];
    int[] port = new int[16];
    Object[] payload = new Object[16];
    int size;

    void add(long t, long o, int tgt, int p, Object pl) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            order = Arrays.copyOf(order, n);
            target = Arrays.copyOf(target, n);
            port = Arrays.copyOf(port, n);
            payload = Arrays.copyOf(payload, n);
        }
        time[size] = t;
        order[size] = o;
        target[size] = tgt;
        port[size] = p;
        payload[size] = pl;
        size++;
    }

    void clear() {
        Arrays.fill(payload, 0, size, null);
        size = 0;
    }
}
