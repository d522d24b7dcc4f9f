package org.bxiemu.mpi.runtime.shm;

/**
 * How a receiver learns that a sender of its node published a message ({@code mpi.shm-notify}):
 * one class per variant.
 */
interface ShmNotifier {
    /** At MPI_Init, before the job's fence: what other ranks need of this one. */
    void setUp();

    /** After the fence: every rank of the node has set up. */
    void connect();

    /**
     * The sender just published to {@code peer}'s queue (its tail word now counts past
     * {@code before}).
     */
    void published(int peer, long before);

    static ShmNotifier of(ShmSettings.Notify notify, SharedMemoryTransport transport, int vector) {
        return switch (notify) {
            case POLL -> new PollNotifier();
            case UINTR -> new UintrNotifier(transport, vector);
            case EVENTFD -> new EventfdNotifier(transport);
        };
    }
}
