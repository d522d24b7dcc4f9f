package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.Vectors;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.SignalHandlerProgram;
import org.bxiemu.node.user.Step;

/**
 * {@code signal}: the NIC raises an MSI for every event of the rank's queue; the kernel's IRQ
 * handler sends the rank's thread a signal, whose handler progresses (try-locking the core lock)
 * — the classic asynchronous-progress path, with the kernel on it both ways.
 */
final class SignalEngine implements ProgressEngine {
    static final int SIGNAL = 10; // SIGUSR1

    @Override
    public String name() {
        return "signal";
    }

    @Override
    public boolean locks() {
        return true;
    }

    @Override
    public void start(MpiRank rank) {
        Fiber.Context ctx = rank.context();
        int vector = Vectors.FIRST_DEVICE + ctx.api().core(); // one device vector per core of the node
        SignalHandlerProgram handler = (signal, value, api) -> Fiber.signalHandler("signal-progress-" + rank.rank(),
                rank::progressFromHandler);
        ctx.run(new Step.Call(new Syscall.Sigaction(SIGNAL, handler)));
        ctx.run(new Step.Call(new Syscall.IrqBind(vector, new Syscall.SignalThread(ctx.api().tid(), SIGNAL))));
        rank.command(new HostMessage.EqInterrupts(rank.eventQueue(), new HostMessage.Msi(ctx.api().core(), vector,
                rank.settings().interruptModeration()), MpiRank.INTERRUPTING), true);
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.spinOnEventQueue(deadline);
    }
}
