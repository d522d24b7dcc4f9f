package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.UserInterruptHandler;

/**
 * {@code uintr}: the NIC posts a user vector to the rank's thread for the events that need the
 * host ({@link MpiRank#INTERRUPTING}; device-to-user, as xUI forwarding or a kernel proxy would);
 * the handler progresses on the computing core — issuing a rendezvous Get while the application
 * computes — when the core lock is free, and otherwise leaves the work to the lock holder. A wait
 * spins on the event queue's word; coalesced interrupts mean a handler drains everything pending.
 */
final class UintrEngine implements ProgressEngine {
    @Override
    public String name() {
        return "uintr";
    }

    @Override
    public boolean locks() {
        return true;
    }

    @Override
    public void start(MpiRank rank) {
        Fiber.Context ctx = rank.context();
        UserInterruptHandler handler = (vector, api) -> Fiber.userInterruptHandler("uintr-progress-" + rank.rank(),
                rank::progressFromHandler);
        ctx.run(new Step.Call(new Syscall.UintrRegisterHandler(handler, 0)));
        long upid = ctx.api().upid();
        rank.command(new HostMessage.EqInterrupts(rank.eventQueue(),
                new HostMessage.UserVector(upid, rank.settings().uintrVector(), rank.settings().interruptModeration()),
                MpiRank.INTERRUPTING),
                true);
        ctx.run(new Step.Stui());
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.spinOnEventQueue(deadline);
    }
}
