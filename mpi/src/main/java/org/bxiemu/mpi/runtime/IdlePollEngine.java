package org.bxiemu.mpi.runtime;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * {@code idle-poll}: PIOMan's progression (Denis and Trahay, ICPP 2016; MODEL.md) — cores with
 * nothing else to do progress the communication of those that compute, and a timer thread is the
 * fallback when no core is idle.
 *
 * <ul>
 *   <li>The node's idle cores (those no rank runs on) each run one poller thread, serving the
 *       node's ranks whose core index is k modulo the number of pollers. A poller try-locks each
 *       rank's core lock (never blocking: a held lock means the rank progresses itself) and
 *       progresses it, then spins on every served queue's word, and on the lock of a rank that
 *       held it, until something moves. Its spinning is the idle core's polling time.</li>
 *   <li>With no idle core, each rank has a timer thread on its own core that sleeps
 *       {@code mpi.idle-poll.timer-period}, preempts the computing thread when it wakes
 *       ({@code kernel.wakeup-preemption}), progresses and sleeps again: two context switches
 *       per period, which the kernel's time shows.</li>
 *   <li>A wait spins on the rank's own queue and on the completions the pollers publish.</li>
 * </ul>
 */
public final class IdlePollEngine implements ProgressEngine {
    /** The program of a poller on an idle core (registered with the rank programs). */
    public static final String POLLER = "mpi-idle-poller";
    /** The program of a rank's timer thread when its node has no idle core. */
    public static final String TIMER = "mpi-progress-timer";
    private int timerTid;

    @Override
    public String name() {
        return "idle-poll";
    }

    @Override
    public boolean locks() {
        return true;
    }

    @Override
    public boolean completionsInMemory() {
        return true;
    }

    @Override
    public void start(MpiRank rank) {}

    /** After the fence every rank of the node exists: the first rank a poller serves spawns it. */
    @Override
    public void ready(MpiRank rank) {
        Fiber.Context ctx = rank.context();
        Job job = rank.job();
        int node = job.nodeOf(rank.rank());
        int local = job.coreOf(rank.rank());
        int idle = rank.nodeCores() - job.ranksPerNode();
        if (idle > 0) {
            int pollers = Math.min(idle, job.ranksPerNode());
            int k = local % pollers;
            if (local != k) return;
            ByteBuffer served = ByteBuffer.allocate(4 * ((job.ranksPerNode() - k + pollers - 1) / pollers));
            for (int c = k; c < job.ranksPerNode(); c += pollers) served.putInt(job.rankAt(node, c));
            LibraryThreads.spawn(ctx, POLLER, served.array(), job.ranksPerNode() + k);
        } else {
            timerTid = LibraryThreads.spawnForRank(rank, TIMER, ctx.api().core());
        }
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        List<Step.WordCondition> words = new ArrayList<>(rank.wakeWords());
        words.add(new Step.WordCondition(rank.completionWord(), v -> v > completionsSeen));
        rank.context().run(new Step.WaitAnyWord(words, deadline));
    }

    @Override
    public void stop(MpiRank rank) {
        rank.context().run(new Step.Store(rank.finalizeWord(), 1));
        if (timerTid != 0) rank.context().run(new Step.Call(new Syscall.KillThread(timerTid)));
    }

    /** The ranks a poller's arguments name. */
    public static List<Integer> servedRanks(byte[] args) {
        List<Integer> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(args);
        while (b.remaining() >= 4) out.add(b.getInt());
        return out;
    }

    /** A poller on an idle core: progress every served rank it can, spin until one of them moves, until all finalize. */
    public static Fiber poller(List<MpiRank> served) {
        return Fiber.main(POLLER + "-" + served.get(0).rank(), ctx -> {
            boolean[] finalized = new boolean[served.size()];
            while (true) {
                List<Step.WordCondition> words = new ArrayList<>();
                List<Integer> finalizeIndex = new ArrayList<>(); // position in words -> served rank, or -1
                for (int i = 0; i < served.size(); i++) {
                    if (finalized[i]) continue;
                    MpiRank r = served.get(i);
                    if (r.tryProgress(ctx)) {
                        for (Step.WordCondition w : r.wakeWords()) {
                            words.add(w);
                            finalizeIndex.add(-1);
                        }
                    } else {
                        words.add(new Step.WordCondition(r.lockWord(), v -> v == 0)); // the rank progresses: wait until it lets go
                        finalizeIndex.add(-1);
                    }
                    words.add(new Step.WordCondition(r.finalizeWord(), v -> v != 0));
                    finalizeIndex.add(i);
                }
                if (words.isEmpty()) return;
                int fired = (int) ctx.run(new Step.WaitAnyWord(words, Step.END_OF_TIME)).value();
                if (finalizeIndex.get(fired) >= 0) finalized[finalizeIndex.get(fired)] = true;
            }
        });
    }

    /** A rank's timer thread: publish its tid, then sleep and progress, until killed. */
    public static Fiber timer(MpiRank rank) {
        return Fiber.main(TIMER + "-" + rank.rank(), ctx -> {
            ctx.run(new Step.Store(rank.progressThreadWord(), ctx.api().tid()));
            while (true) {
                ctx.run(new Step.Call(new Syscall.Nanosleep(rank.settings().idlePollTimerPeriod())));
                rank.tryProgress(ctx);
            }
        });
    }
}
