package org.bxiemu.nic.portals;

/**
 * Order of triggered operations waiting on one counter: by threshold, then by submission, so
 * operations that become due together fire in a deterministic order.
 */
record TriggerKey(long threshold, long sequence) implements Comparable<TriggerKey> {
    @Override
    public int compareTo(TriggerKey o) {
        int c = Long.compare(threshold, o.threshold);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
