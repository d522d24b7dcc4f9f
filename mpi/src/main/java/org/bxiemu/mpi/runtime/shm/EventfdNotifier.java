package org.bxiemu.mpi.runtime.shm;

import java.util.List;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.SyscallResult;
import org.bxiemu.mpi.MpiException;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * {@code eventfd}: a receiver with nothing to do sleeps in the kernel, reading the eventfd its
 * NIC's interrupts also signal; a sender of its node wakes it by writing that eventfd, but only
 * when it sleeps — as shared-memory transports that support blocking waits do (an "armed" flag
 * the sleeper raises, a wake-up through a file descriptor only then).
 *
 * <p>The receiver raises its sleep word, then loads every word a message would move (its queues'
 * tails, its event queue's count) in one round, and sleeps only if none moved; the sender
 * publishes its tail, then swaps the receiver's sleep word to 0 and writes the eventfd if it was
 * raised. Both store then load, ordered by the node: either the receiver sees the message or the
 * sender sees the raised word, so no wake-up is lost, and the swap makes one sender of several
 * pay the write. The receiver lowers its word when it wakes.
 *
 * <p>Set-up: the ranks of a node are threads of the job's process and share its descriptors;
 * each publishes its eventfd's number in its directory word before the fence.
 */
final class EventfdNotifier implements ShmNotifier {
    private final SharedMemoryTransport transport;
    /** Each local rank's eventfd (after {@link #connect}). */
    private int[] eventfdOf;

    EventfdNotifier(SharedMemoryTransport transport) {
        this.transport = transport;
    }

    @Override
    public void setUp() {
        int fd = transport.host().eventfd();
        if (fd < 0) {
            throw new MpiException("rank " + transport.rank() + ": mpi.shm-notify = eventfd without an eventfd");
        }
        transport.publishInDirectory(fd);
    }

    @Override
    public void connect() {
        eventfdOf = transport.readDirectory();
    }

    @Override
    public void published(int peer, long before) {
        if (peer == transport.local()) return; // to itself: it is awake, sending
        Fiber.Context ctx = transport.host().context();
        long word = SharedMemoryTransport.sleepWord(peer);
        long wasAsleep = ctx.run(new Step.Atomic(word, Step.AtomicKind.SWAP, 0, 0)).value();
        if (wasAsleep != 0) {
            ctx.run(new Step.Call(new Syscall.EventfdWrite(eventfdOf[peer], 1)));
            transport.host().count("mpi.shm.eventfd-writes", 1);
        }
    }

    @Override
    public boolean wakesSleepers() {
        return true;
    }

    @Override
    public void sleep(int fd, List<Step.WordCondition> wake, long deadline) {
        Fiber.Context ctx = transport.host().context();
        transport.setSleepWord(true);
        if (!transport.anyMoved(wake)) {
            long timeout = deadline - ctx.api().now();
            if (timeout > 0) {
                SyscallResult r = ctx.run(new Step.Call(new Syscall.EventfdPollRead(fd, timeout)));
                if (!r.failed()) transport.host().count("mpi.shm.eventfd-sleeps", 1);
            }
        }
        transport.setSleepWord(false);
    }
}
