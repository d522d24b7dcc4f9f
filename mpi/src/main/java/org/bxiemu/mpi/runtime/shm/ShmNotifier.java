package org.bxiemu.mpi.runtime.shm;

import java.util.List;
import org.bxiemu.node.user.Step;

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

    /**
     * The rank starts spinning in a wait: true if it told the node's senders so (they then send
     * no notification, and {@link #leaveWait} must follow).
     */
    default boolean enterWait() {
        return false;
    }

    /**
     * The rank leaves a wait that {@link #enterWait} announced: true if one of {@code wake} (the
     * words a message would move) moved meanwhile, which the rank must progress.
     */
    default boolean leaveWait(List<Step.WordCondition> wake) {
        return false;
    }

    /** Whether a rank with nothing to do sleeps in its eventfd, woken by the node's senders. */
    default boolean wakesSleepers() {
        return false;
    }

    /**
     * Sleeps in eventfd {@code fd} until a sender of the node or the NIC signals it, or
     * {@code deadline}, unless one of {@code wake} already moved (only if {@link #wakesSleepers}).
     */
    default void sleep(int fd, List<Step.WordCondition> wake, long deadline) {
        throw new IllegalStateException("senders of this notification do not wake sleeping ranks");
    }

    static ShmNotifier of(ShmSettings.Notify notify, SharedMemoryTransport transport, int vector) {
        return switch (notify) {
            case POLL -> new PollNotifier();
            case UINTR -> new UintrNotifier(transport, vector);
            case EVENTFD -> new EventfdNotifier(transport);
        };
    }
}
