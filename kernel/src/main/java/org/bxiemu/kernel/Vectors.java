package org.bxiemu.kernel;

/** Interrupt vectors of the x86 model (Linux numbering, with the uintr RFC's two vectors). */
public final class Vectors {
    /** The user-interrupt notification vector (UINV) of every registered receiver (uintr RFC). */
    public static final int UINTR_NOTIFICATION = 0xEC;
    /** The vector a blocked receiver's UPID carries while it sleeps in uintr_wait (uintr RFC). */
    public static final int UINTR_KERNEL_WAIT = 0xEB;
    /** The local APIC timer (time slices, nanosleep): moved below the uintr pair. */
    public static final int LOCAL_TIMER = 0xEA;
    /** The IPI one core sends another to make it schedule (a wake-up, a signal). */
    public static final int RESCHEDULE = 0xFD;
    /** Device vectors (NIC MSIs) start here. */
    public static final int FIRST_DEVICE = 0x30;

    private Vectors() {}

    public static String name(int vector) {
        return switch (vector) {
            case UINTR_NOTIFICATION -> "uintr-notification";
            case UINTR_KERNEL_WAIT -> "uintr-kernel-wait";
            case LOCAL_TIMER -> "local-timer";
            case RESCHEDULE -> "reschedule";
            default -> "vector-0x" + Integer.toHexString(vector);
        };
    }
}
