package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.node.user.Step;

/**
 * {@code xui}: the {@code uintr} engine on xUI hardware (Aydogmus et al., ASPLOS 2025) — the
 * NIC's vector is forwarded to the running thread without a UPID and delivered without a
 * pipeline flush (tracked interrupts) — plus xUI's kernel-bypass timer, which runs the same
 * handler every {@code mpi.xui.timer-period} so progress never waits long for an event that
 * moderation held back. The hardware features are the platform's ({@code core.uintr.tracked},
 * {@code node.device-forwarding}): this engine refuses to run without them.
 */
final class XuiEngine implements ProgressEngine {
    private final UintrEngine interrupts = new UintrEngine();

    @Override
    public String name() {
        return "xui";
    }

    @Override
    public boolean locks() {
        return true;
    }

    @Override
    public void start(MpiRank rank) {
        interrupts.start(rank);
        if (rank.settings().xuiTimerPeriod() > 0) {
            rank.context().run(new Step.KbTimer(rank.settings().xuiTimerPeriod(), rank.settings().uintrVector()));
        }
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        interrupts.idle(rank, done, completionsSeen, deadline);
    }
}
