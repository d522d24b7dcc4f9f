package org.bxiemu.engine;

import java.util.Arrays;

/**
 * Pending events of a partition, as a binary min-heap on the total order (time, order) where
 * order = sender index << 40 | sender sequence. Keys live inline in primitive arrays (no
 * pointer chasing on comparisons); the rest of an event lives in a slot pool.
 */
final class EventQueue {
    private long[] heapTime;
    private long[] heapOrder;
    private int[] heapSlot;
    private int size;

    private int[] slotTarget;
    private int[] slotPort;
    private Object[] slotPayload;
    private int[] freeSlots;
    private int freeCount;
    private int slotsUsed;

    /** A partition's queue: room for many events from the start. */
    EventQueue() {
        this(1024);
    }

    /** A queue that starts with room for {@code capacity} events and doubles as needed. */
    EventQueue(int capacity) {
        heapTime = new long[capacity];
        heapOrder = new long[capacity];
        heapSlot = new int[capacity];
        slotTarget = new int[capacity];
        slotPort = new int[capacity];
        slotPayload = new Object[capacity];
        freeSlots = new int[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long minTime() {
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    long minOrder() {
        return heapOrder[0];
    }

    int minTarget() {
        return slotTarget[heapSlot[0]];
    }

    int minPort() {
        return slotPort[heapSlot[0]];
    }

    Object minPayload() {
        return slotPayload[heapSlot[0]];
    }

    void push(long time, long order, int target, int port, Object payload) {
        int slot = allocateSlot();
        slotTarget[slot] = target;
        slotPort[slot] = port;
        slotPayload[slot] = payload;
        if (size == heapTime.length) {
            int n = size * 2;
            heapTime = Arrays.copyOf(heapTime, n);
            heapOrder = Arrays.copyOf(heapOrder, n);
            heapSlot = Arrays.copyOf(heapSlot, n);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = heapTime[parent];
            if (pt < time || (pt == time && heapOrder[parent] < order)) break;
            heapTime[i] = pt;
            heapOrder[i] = heapOrder[parent];
            heapSlot[i] = heapSlot[parent];
            i = parent;
        }
        heapTime[i] = time;
        heapOrder[i] = order;
        heapSlot[i] = slot;
    }

    /** Removes the minimum (read it first with the min* accessors). */
    void pop() {
        int freed = heapSlot[0];
        slotPayload[freed] = null;
        freeSlots[freeCount++] = freed;
        int last = --size;
        if (last == 0) return;
        long time = heapTime[last];
        long order = heapOrder[last];
        int slot = heapSlot[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            long ct = heapTime[child];
            long co = heapOrder[child];
            if (right < last) {
                long rt = heapTime[right];
                if (rt < ct || (rt == ct && heapOrder[right] < co)) {
                    child = right;
                    ct = rt;
                    co = heapOrder[right];
                }
            }
            if (time < ct || (time == ct && order < co)) break;
            heapTime[i] = ct;
            heapOrder[i] = co;
            heapSlot[i] = heapSlot[child];
            i = child;
        }
        heapTime[i] = time;
        heapOrder[i] = order;
        heapSlot[i] = slot;
    }

    /** Visits every pending event, in heap order (callers sort what they need ordered). */
    void forEach(EventVisitor visitor) {
        for (int i = 0; i < size; i++) {
            int slot = heapSlot[i];
            visitor.visit(heapTime[i], heapOrder[i], slotTarget[slot], slotPort[slot], slotPayload[slot]);
        }
    }

    @FunctionalInterface
    interface EventVisitor {
        void visit(long time, long order, int target, int port, Object payload);
    }

    private int allocateSlot() {
        if (freeCount > 0) return freeSlots[--freeCount];
        if (slotsUsed == slotTarget.length) {
            int n = slotsUsed * 2;
            slotTarget = Arrays.copyOf(slotTarget, n);
            slotPort = Arrays.copyOf(slotPort, n);
            slotPayload = Arrays.copyOf(slotPayload, n);
            freeSlots = Arrays.copyOf(freeSlots, n);
        }
        return slotsUsed++;
    }
}
