package org.bxiemu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.UserInterruptHandler;
import org.junit.jupiter.api.Test;

/** Sequential Java programs on fibers: steps in order, results returned, handlers as fibers too. */
class FiberTest {
    @Test
    void aSequentialProgramSeesEachStepsResultAndTheVirtualTime() {
        List<String> seen = new ArrayList<>();
        Rig rig = new Rig("node.cores = 2");
        rig.thread(0, () -> Fiber.main("pipe-writer", f -> {
            long[] fds = new long[2];
            var r = f.run(new Step.Call(new Syscall.Pipe()));
            fds[0] = r.value();
            fds[1] = r.second();
            f.run(new Step.Compute(10 * Durations.US));
            seen.add("computed@" + f.api().now());
            f.run(new Step.Call(new Syscall.Write((int) fds[1], 3, new byte[] {1, 2, 3})));
            var read = f.run(new Step.Call(new Syscall.Read((int) fds[0], 16)));
            seen.add("read " + read.value() + " bytes, first " + read.data()[0]);
        }));
        Run r = rig.run();
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("computed@"), seen.toString());
        long at = Long.parseLong(seen.get(0).substring("computed@".length()));
        assertTrue(at >= 10 * Durations.US && at < 20 * Durations.US, "after the compute: " + at);
        assertEquals("read 3 bytes, first 1", seen.get(1));
        assertEquals(1, r.kernel(0, "kernel.threads.ended"));
    }

    @Test
    void aUserInterruptHandlerCanBeAFiberAndTheMainComputeIsSplit() {
        long[] doneAt = {0};
        Interrupted run = interruptedAt20us(f -> {
            f.run(new Step.Compute(100 * Durations.US));
            doneAt[0] = f.api().now();
        });
        assertTrue(run.handledAt() > 20 * Durations.US, "the handler ran when the interrupt came: " + run.handledAt());
        assertEquals(1, run.result().core(1, "core.uintr.deliveries"));
        assertTrue(doneAt[0] > run.handledAt(), "the split compute ended after the handler");
        assertEquals(100 * Durations.US, run.result().core(1, CoreTime.COMPUTE.counter()), "exactly the compute asked for");
    }

    @Test
    void spentLibraryWorkGoesWithTheNextStepAndAnInterruptStillSplitsTheWork() {
        long[] resumedAt = {0};
        long[] pipe = {-1, -1};
        Interrupted run = interruptedAt20us(f -> {
            f.spend(200_000); // 100 us at 2 GHz, handed to the core together with the pipe call
            var r = f.run(new Step.Call(new Syscall.Pipe()));
            pipe[0] = r.value();
            pipe[1] = r.second();
            resumedAt[0] = f.api().now();
        });
        assertTrue(run.handledAt() > 20 * Durations.US && run.handledAt() < 100 * Durations.US,
                "the interrupt split the library work: " + run.handledAt());
        assertEquals(1, run.result().core(1, "core.uintr.deliveries"));
        assertTrue(pipe[0] >= 0 && pipe[1] > pipe[0], "the code got the pipe call's result: " + pipe[0] + ", " + pipe[1]);
        assertTrue(resumedAt[0] > 100 * Durations.US, "resumed after the work and the call: " + resumedAt[0]);
        long library = run.result().core(1, CoreTime.LIBRARY.counter());
        assertTrue(library >= 100 * Durations.US && library < 101 * Durations.US,
                "all the spent work ran, once: " + library);
    }

    private record Interrupted(Run result, long handledAt) {}

    /**
     * Runs {@code work} on core 1 with a fiber user-interrupt handler (200 library cycles)
     * registered and enabled; core 0 sends it one user interrupt 20 us later.
     */
    private static Interrupted interruptedAt20us(Fiber.Body work) {
        long[] handledAt = {0};
        int[] index = {0};
        int[] fd = {0};
        Rig rig = new Rig("node.cores = 2");
        UserInterruptHandler handler = (vector, api) -> Fiber.userInterruptHandler("handler", f -> {
            handledAt[0] = f.api().now();
            f.run(new Step.Library(200));
        });
        rig.thread(1, () -> Fiber.main("receiver", f -> {
            f.run(new Step.Call(new Syscall.UintrRegisterHandler(handler, 0)));
            fd[0] = (int) f.run(new Step.Call(new Syscall.UintrCreateFd(1, 0))).value();
            f.run(new Step.Store(0x10, 1));
            f.run(new Step.Stui());
            work.run(f);
        }));
        rig.thread(0, () -> Fiber.main("sender", f -> {
            f.run(new Step.WaitWord(0x10, v -> v == 1));
            index[0] = (int) f.run(new Step.Call(new Syscall.UintrRegisterSender(fd[0], 0))).value();
            f.run(new Step.Compute(20 * Durations.US));
            f.run(new Step.SendUipi(index[0]));
        }));
        Run result = rig.run();
        return new Interrupted(result, handledAt[0]);
    }

    @Test
    void aFailingProgramFailsTheRunWithItsMessage() {
        Rig rig = new Rig();
        rig.thread(0, () -> Fiber.main("broken", f -> {
            f.run(new Step.Compute(Durations.US));
            throw new IllegalArgumentException("rank 3 passed a negative count");
        }));
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, rig::run);
        String all = t.toString() + (t.getCause() == null ? "" : t.getCause().toString());
        assertTrue(all.contains("rank 3 passed a negative count") || String.valueOf(t.getMessage()).contains("broken"),
                all);
    }

    @Test
    void aRoundOfLoadsAnswersTheFirstWordThatMovedInOneRoundTrip() {
        List<String> seen = new ArrayList<>();
        Rig rig = new Rig("node.cores = 2");
        rig.thread(0, () -> Fiber.main("loader", f -> {
            List<Step.WordCondition> words = List.of(new Step.WordCondition(0x100, v -> v > 0),
                    new Step.WordCondition(0x108, v -> v > 0), new Step.WordCondition(0x110, v -> v > 0));
            long before = f.api().now();
            long none = f.run(new Step.LoadAny(words)).value();
            long roundTrip = f.api().now() - before;
            f.run(new Step.Store(0x110, 7));
            f.run(new Step.Store(0x108, 3));
            f.run(new Step.WaitWord(0x108, v -> v == 3)); // both stores have landed
            long first = f.run(new Step.LoadAny(words)).value();
            seen.add(none + " " + first + " " + roundTrip);
        }));
        Run r = rig.run();
        assertEquals(1, seen.size(), seen.toString());
        String[] got = seen.get(0).split(" ");
        assertEquals("3", got[0], "none of the three moved: their count");
        assertEquals("1", got[1], "the first of the words that moved, in list order");
        // one request and one answer over the core's link to the node, whatever the number of words
        assertEquals(2 * rig.model.node().coreLinkLatency(), Long.parseLong(got[2]));
        assertTrue(r.core(0, CoreTime.POLLING.counter()) >= Long.parseLong(got[2]), "a round of loads is polling time");
    }

    @Test
    void aCompareAndSwapLockSerialisesTwoCoresInVirtualTime() {
        long lock = 0x80;
        long counter = 0x88;
        List<String> order = new ArrayList<>();
        Rig rig = new Rig("node.cores = 2");
        for (int core = 0; core < 2; core++) {
            int me = core;
            rig.thread(core, () -> Fiber.main("locker" + me, f -> {
                for (int i = 0; i < 3; i++) {
                    while (f.run(new Step.Atomic(lock, Step.AtomicKind.COMPARE_AND_SWAP, 1, 0)).value() != 0) {
                        f.run(new Step.WaitWord(lock, v -> v == 0));
                    }
                    long before = f.run(new Step.Atomic(counter, Step.AtomicKind.FETCH_AND_ADD, 1, 0)).value();
                    order.add(me + ":" + before);
                    f.run(new Step.Compute(Durations.US)); // the critical section
                    f.run(new Step.Atomic(lock, Step.AtomicKind.SWAP, 0, 0));
                }
            }));
        }
        rig.run();
        assertEquals(6, order.size(), order.toString());
        for (int i = 0; i < 6; i++) assertTrue(order.get(i).endsWith(":" + i), "one holder at a time: " + order);
    }
}
