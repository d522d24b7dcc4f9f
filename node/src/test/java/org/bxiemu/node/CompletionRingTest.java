package org.bxiemu.node;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.bxiemu.node.user.Script.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.node.user.Completion;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.node.user.UserInterruptHandler;
import org.junit.jupiter.api.Test;

/**
 * The io_uring-style completion ring: one submission interface, three ways to learn of
 * completions (polling the tail word, an eventfd, a user interrupt), with the same completions.
 */
class CompletionRingTest {
    private static final long TIMEOUT = 50 * Durations.US;
    private static final int VECTOR = 2;

    private enum Mode { POLL, EVENTFD, UINTR }

    private record Seen(List<Completion> completions, long lastAt, Map<String, Long> core) {}

    @Test
    void pollingEventfdAndUserInterruptSeeTheSameCompletions() {
        Seen poll = runWith(Mode.POLL);
        Seen eventfd = runWith(Mode.EVENTFD);
        Seen uintr = runWith(Mode.UINTR);
        List<Completion> expected = List.of(new Completion(1, 0), new Completion(3, 1), new Completion(7, 0));
        assertEquals(expected, poll.completions());
        assertEquals(expected, eventfd.completions());
        assertEquals(expected, uintr.completions());
        for (Seen s : List.of(poll, eventfd, uintr)) {
            assertTrue(s.lastAt() >= TIMEOUT, "the timeout completes after its duration: " + s.lastAt());
        }
        assertTrue(poll.core().getOrDefault(CoreTime.POLLING.counter(), 0L) > TIMEOUT / 2, "polling burns the core");
        assertTrue(eventfd.core().getOrDefault(CoreTime.IDLE.counter(), 0L) > TIMEOUT / 2, "eventfd sleeps");
        assertEquals(0L, eventfd.core().getOrDefault(CoreTime.POLLING.counter(), 0L));
        assertTrue(uintr.core().getOrDefault("core.uintr.deliveries", 0L) >= 2, "user interrupts notified it");
        assertTrue(uintr.core().getOrDefault(CoreTime.COMPUTE.counter(), 0L) > TIMEOUT / 2,
                "with user interrupts the thread computes while it waits");
        assertTrue(uintr.lastAt() < eventfd.lastAt(), "a user interrupt is faster than waking from eventfd");
    }

    private Seen runWith(Mode mode) {
        Config config = ConfigFactory.parseString("node.cores = 2").withFallback(ConfigFactory.load()).resolve();
        List<Completion> seen = new ArrayList<>();
        long[] lastAt = {0};
        ProgramRegistry programs = new ProgramRegistry()
                .register("ring", (tid, pid, spec) -> program(mode, seen, lastAt))
                .register("writer", (tid, pid, spec) -> Script.program(
                        step(new Step.Compute(20 * Durations.US)),
                        later(api -> new Step.Call(new Syscall.Write(Pipes.write, 1, new byte[] {9})))));
        NodePlatform.Settings settings = new NodePlatform.Settings(NodeSettings.from(config), CoreSettings.from(config),
                KernelSettings.from(config));
        Platform.Builder b = Platform.builder();
        NodePlatform.addNode(b, 0, "n0000", settings, programs, List.of(new BootProcess("ring", List.of(
                new ThreadSpec("ring", new byte[0], 0), new ThreadSpec("writer", new byte[0], 1)))), null, 0);
        NodePlatform.connectKernels(b, 1, settings);
        RunResult r = Emulation.lead(RunSetup.of(b.build(), EngineSettings.from(config).withPartitionsPerJvm(1), 1, 3,
                Durations.S), null, RunProgress.NONE, Emulation.ChildObserver.NONE);
        Map<String, Long> core = new TreeMap<>();
        r.components().stream().filter(c -> c.getId().equals(NodePlatform.coreId(0, 0)))
                .forEach(c -> c.getCountersList().forEach(k -> core.put(k.getName(), k.getValue())));
        seen.sort(java.util.Comparator.comparingLong(Completion::userData));
        return new Seen(seen, lastAt[0], core);
    }

    /** The pipe both threads of the process use (created by the ring thread before the writer writes). */
    private static final class Pipes {
        static int write;
    }

    private static ThreadProgram program(Mode mode, List<Completion> seen, long[] lastAt) {
        int[] ring = new int[1];
        long[] address = new long[1];
        int[] efd = new int[1];
        int[] interrupts = new int[1];
        int[] pipeRead = new int[1];
        boolean[] waited = {false};
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), run(a -> interrupts[0]++));
        Syscall.RingNotify notify = switch (mode) {
            case POLL -> new Syscall.PollRing();
            case EVENTFD -> null; // made once the eventfd exists
            case UINTR -> new Syscall.UintrRing(VECTOR);
        };
        boolean[] reaping = {false};
        Script.Action reap = Script.whileTrue(() -> seen.size() < 3, api -> {
            if (reaping[0]) {
                reaping[0] = false;
                seen.addAll(api.completions());
                lastAt[0] = api.now();
                if (seen.size() >= 3) return null;
            }
            switch (mode) {
                case POLL -> {
                    if (!(api.result().value() >= 3)) return new Step.WaitWord(address[0], v -> v >= 3);
                }
                case EVENTFD -> {
                    if (!(api.result().value() > 0 && waited[0])) {
                        waited[0] = true;
                        return new Step.Call(new Syscall.EventfdRead(efd[0]));
                    }
                    waited[0] = false;
                }
                case UINTR -> {
                    if (interrupts[0] == 0) return new Step.Compute(5 * Durations.US);
                    interrupts[0] = 0;
                }
            }
            reaping[0] = true;
            return new Step.Reap(address[0], 8);
        });
        return Script.program(
                mode == Mode.UINTR ? Script.sequence(call(new Syscall.UintrRegisterHandler(handler, 0)),
                        step(new Step.Stui())) : run(api -> {}),
                mode == Mode.EVENTFD ? Script.sequence(call(new Syscall.Eventfd(0)),
                        run(api -> efd[0] = (int) api.result().value())) : run(api -> {}),
                later(api -> new Step.Call(new Syscall.RingSetup(notify != null ? notify : new Syscall.EventfdRing(efd[0])))),
                run(api -> {
                    ring[0] = (int) api.result().value();
                    address[0] = api.result().second();
                }),
                call(new Syscall.Pipe()),
                run(api -> {
                    pipeRead[0] = (int) api.result().value();
                    Pipes.write = (int) api.result().second();
                }),
                later(api -> new Step.Call(new Syscall.RingSubmit(ring[0], List.of(new Syscall.NopOp(1),
                        new Syscall.ReadOp(3, pipeRead[0], 16), new Syscall.TimeoutOp(7, TIMEOUT))))),
                reap);
    }

}
