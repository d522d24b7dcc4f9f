package org.bxiemu.mpi.runtime.shm;

import java.util.List;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.SyscallResult;
import org.bxiemu.mpi.MpiException;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * {@code uintr}: after publishing, the sender reads the queue's head word and, when the receiver
 * had taken everything published before (the queue was empty: this is the first message of a
 * burst), does SENDUIPI to the receiver's UPID; the receiver's user-interrupt handler (the
 * progression engine's) then drains its queues on its own core, during compute. Later messages of
 * a burst need no interrupt: the receiver is already on its way, and re-reads the tail words after
 * publishing its head (a store then a load on each side, ordered by the node: no lost wake-up).
 * Nor does a receiver inside a wait: it raises its word when it first spins (a posted store), so a
 * sender that finds the word raised skips the interrupt; when the wait ends the receiver lowers
 * the word, loads its queues' tails once more, and progresses again if one moved — store then
 * load on each side again, so no message waits for a later MPI call.
 *
 * <p>Set-up: before the fence each rank makes a uintr fd for its own UPID and registers it as a
 * sender target; the emulated kernel's UITT belongs to the process, shared by the node's ranks
 * (threads of the job's process), so that one entry serves every sender of the node — one
 * registration per pair would fill its 256 entries beyond 16 ranks per node. The entry's index
 * goes to a directory word in node memory, which the senders read after the fence.
 */
final class UintrNotifier implements ShmNotifier {
    private final SharedMemoryTransport transport;
    private final int vector;
    /** Each local rank's UITT entry (after {@link #connect}). */
    private int[] uittIndex;

    UintrNotifier(SharedMemoryTransport transport, int vector) {
        this.transport = transport;
        this.vector = vector;
    }

    @Override
    public void setUp() {
        Fiber.Context ctx = transport.host().context();
        SyscallResult fd = ctx.run(new Step.Call(new Syscall.UintrCreateFd(vector, 0)));
        if (fd.failed()) throw new MpiException("rank " + transport.rank() + ": uintr_create_fd failed (" + fd.value() + ")");
        SyscallResult index = ctx.run(new Step.Call(new Syscall.UintrRegisterSender((int) fd.value(), 0)));
        if (index.failed()) {
            throw new MpiException("rank " + transport.rank() + ": uintr_register_sender failed (" + index.value() + ")");
        }
        transport.publishInDirectory(index.value());
    }

    @Override
    public void connect() {
        uittIndex = transport.readDirectory();
    }

    @Override
    public void published(int peer, long before) {
        if (peer == transport.local()) return; // to itself: its own next progress takes it
        long head = transport.loadHead(peer);
        if (head != before) return; // the receiver has not taken the earlier messages: it is on its way
        Fiber.Context ctx = transport.host().context();
        if (ctx.run(new Step.WaitWord(SharedMemoryTransport.sleepWord(peer), v -> true)).value() != 0) {
            transport.host().count("mpi.shm.senduipi-skipped-spinning", 1);
            return;
        }
        ctx.run(new Step.SendUipi(uittIndex[peer]));
        transport.host().count("mpi.shm.senduipi", 1);
    }

    /** The rank is in a wait and will progress before it leaves: senders need not interrupt it. */
    @Override
    public boolean enterWait() {
        transport.setSleepWord(true);
        return true;
    }

    /**
     * The rank leaves its wait: lowers the word, then loads {@code wake} (the words a message
     * would move, as the library knows them now) once; true if one moved, which the caller must
     * progress before it goes back to compute, since that sender counted on it.
     */
    @Override
    public boolean leaveWait(List<Step.WordCondition> wake) {
        transport.setSleepWord(false);
        return transport.anyMoved(wake);
    }
}
