package org.bxiemu.node.uintr;

/**
 * A user posted-interrupt descriptor (Intel ISE): ON (outstanding notification), SN (suppress
 * notification), NV (notification vector), NDST (destination APIC id, here the core index) and
 * PIR (one bit per user vector 0..63). It lives in node memory; senders, the receiver's core, the
 * kernel and devices update it atomically through the node.
 */
public final class Upid {
    private boolean on;
    private boolean sn;
    private int nv;
    private int ndst;
    private long pir;

    public Upid(int nv, int ndst) {
        this.nv = nv;
        this.ndst = ndst;
    }

    /**
     * SENDUIPI's (or a device's) atomic post: PIR[vector] = 1; if ON and SN were both clear, ON is
     * set and the caller must send an IPI with NV to NDST. Otherwise no IPI: the post coalesces
     * with the pending notification, or waits for the receiver's switch-in.
     */
    public boolean post(int vector) {
        if (vector < 0 || vector > 63) throw new IllegalArgumentException("user vector " + vector + " is not in 0..63");
        pir |= 1L << vector;
        if (on || sn) return false;
        on = true;
        return true;
    }

    /** Notification processing on the receiver: clear ON, take PIR (swapped with 0). */
    public long recognize() {
        on = false;
        long bits = pir;
        pir = 0;
        return bits;
    }

    /** Switch-out: SN = 1. */
    public void suppress() {
        sn = true;
    }

    /** Switch-in on {@code core}: NV, NDST, SN = 0; true if PIR holds posts (the kernel then self-IPIs). */
    public boolean resume(int vector, int core) {
        nv = vector;
        ndst = core;
        sn = false;
        return pir != 0;
    }

    /** uintr_wait: posts now notify the kernel wait vector. */
    public void waitWith(int vector) {
        nv = vector;
        sn = false;
        on = false;
    }

    public boolean on() {
        return on;
    }

    public boolean sn() {
        return sn;
    }

    public int nv() {
        return nv;
    }

    public int ndst() {
        return ndst;
    }

    public long pir() {
        return pir;
    }
}
