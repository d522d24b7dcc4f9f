package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.Vectors;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * {@code eventfd}: progress only inside MPI calls, but a wait with nothing to do sleeps in the
 * kernel (reading an eventfd) instead of spinning; the NIC's MSI runs the kernel's IRQ handler,
 * which adds to the eventfd and wakes the rank. Saves the core, pays the kernel's wake-up path.
 */
final class EventfdEngine implements ProgressEngine {
    private int fd;

    @Override
    public String name() {
        return "eventfd";
    }

    @Override
    public boolean locks() {
        return false;
    }

    @Override
    public void start(MpiRank rank) {
        Fiber.Context ctx = rank.context();
        int vector = Vectors.FIRST_DEVICE + ctx.api().core();
        fd = (int) ctx.run(new Step.Call(new Syscall.Eventfd(0))).value();
        ctx.run(new Step.Call(new Syscall.IrqBind(vector, new Syscall.SignalEventfd(fd))));
        rank.command(new HostMessage.EqInterrupts(rank.eventQueue(), new HostMessage.Msi(ctx.api().core(), vector,
                rank.settings().interruptModeration())), true);
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.sleepOrSpin(fd, deadline);
    }

    /** The eventfd this rank sleeps in (after {@link #start}). */
    int fd() {
        return fd;
    }
}
