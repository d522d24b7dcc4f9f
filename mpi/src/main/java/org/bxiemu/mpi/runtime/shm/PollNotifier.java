package org.bxiemu.mpi.runtime.shm;

/**
 * {@code poll}: nothing beyond the tail word's store. The receiver notices when it progresses —
 * inside its MPI calls, or a wait that watches the tail words of its queues.
 */
final class PollNotifier implements ShmNotifier {
    @Override
    public void setUp() {}

    @Override
    public void connect() {}

    @Override
    public void published(int peer, long before) {}
}
