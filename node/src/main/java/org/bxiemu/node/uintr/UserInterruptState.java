package org.bxiemu.node.uintr;

/**
 * The receiver's user-interrupt registers, saved and restored with its thread: UIF (user
 * interrupt flag; 0 until the thread executes STUI) and UIRR (recognised, not yet delivered
 * vectors). Delivery takes the highest vector first.
 */
public final class UserInterruptState {
    private boolean uif;
    private long uirr;

    /** Notification processing: the PIR bits taken from the UPID join UIRR. */
    public void recognised(long pirBits) {
        uirr |= pirBits;
    }

    public boolean deliverable() {
        return uif && uirr != 0;
    }

    /** Delivery: the highest pending vector; its UIRR bit is cleared and UIF = 0. */
    public int deliver() {
        if (!deliverable()) throw new IllegalStateException("no deliverable user interrupt");
        int vector = 63 - Long.numberOfLeadingZeros(uirr);
        uirr &= ~(1L << vector);
        uif = false;
        return vector;
    }

    /** uintr_unregister_handler: the recognised, undelivered vectors are dropped (UIRR = 0). */
    public void clear() {
        uirr = 0;
    }

    /** UIRET and STUI set UIF; CLUI clears it. */
    public void setUif(boolean value) {
        uif = value;
    }

    public boolean uif() {
        return uif;
    }

    public long uirr() {
        return uirr;
    }
}
