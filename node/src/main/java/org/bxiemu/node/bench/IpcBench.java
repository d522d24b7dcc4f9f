package org.bxiemu.node.bench;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.bxiemu.node.user.Script.sequence;
import static org.bxiemu.node.user.Script.step;
import static org.bxiemu.node.user.Script.whileTrue;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.Platform;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.SignalHandlerProgram;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.node.user.UserInterruptHandler;

/**
 * The IPC benchmark (the calibration check of the core and kernel models): two threads of one
 * process, pinned to cores 0 and 1 of one node, exchange a one-byte notification ping-pong with
 * each mechanism in turn, as the Linux uintr RFC's ipc-bench does. Thread 0 times
 * {@code round-trips} round trips per mechanism and records the total in its core's statistics
 * ({@link IpcMechanism#counter()}). Each thread only ever uses syscalls and uintr instructions:
 * the figures come from the kernel and core models, nothing here sets them.
 */
public final class IpcBench {
    public static final String PROGRAM = "ipc-bench";
    private static final int SIGUSR1 = 10;
    private static final int SIGUSR2 = 12;
    private static final int USER_VECTOR = 3;
    private static final long BARRIER_BASE = 0x1000;

    /** {@code ipc-bench.*}: round trips per mechanism, and which mechanisms. */
    public record Parameters(int roundTrips, List<IpcMechanism> mechanisms) {
        public static Parameters from(Config config) {
            Config c = config.getConfig("ipc-bench");
            int roundTrips = c.getInt("round-trips");
            if (roundTrips < 1 || roundTrips > 10_000_000) {
                throw new BadInputException("ipc-bench.round-trips: " + roundTrips + " is out of range 1..10000000");
            }
            List<IpcMechanism> mechanisms = new ArrayList<>();
            for (String name : c.getStringList("mechanisms")) {
                IpcMechanism m = null;
                for (IpcMechanism k : IpcMechanism.values()) if (k.key().equals(name)) m = k;
                if (m == null) {
                    throw new BadInputException("ipc-bench.mechanisms: unknown mechanism '" + name
                            + "' (known: uintr, uintr_blocked, eventfd, signal, pipe, unix_socket)");
                }
                if (!mechanisms.contains(m)) mechanisms.add(m);
            }
            if (mechanisms.isEmpty()) throw new BadInputException("ipc-bench.mechanisms: name at least one mechanism");
            return new Parameters(roundTrips, mechanisms);
        }
    }

    /** What the two threads of the process share (their process's memory). */
    private static final class Shared {
        final int[] tid = new int[2];
        final int[] uintrFd = new int[2];
        final int[] uittIndex = new int[2];
        final boolean[] flag = new boolean[2];
        int[] eventfd = new int[2];
        final int[] pipeRead = new int[2];
        final int[] pipeWrite = new int[2];
        final int[] socket = new int[2];
    }

    private final Parameters parameters;
    private final TreeMap<Integer, Shared> shared = new TreeMap<>();

    private IpcBench(Parameters parameters) {
        this.parameters = parameters;
    }

    /** One node with the two benchmark threads. */
    public static Platform build(Config config) {
        Parameters p = Parameters.from(config);
        NodePlatform.Settings settings = NodePlatform.Settings.from(config).requireCores(2, "the IPC benchmark");
        IpcBench bench = new IpcBench(p);
        ProgramRegistry programs = new ProgramRegistry().register(PROGRAM,
                (tid, pid, spec) -> bench.thread(spec.arguments()[0], tid, pid));
        List<BootProcess> boot = List.of(new BootProcess(PROGRAM, List.of(
                new ThreadSpec(PROGRAM, new byte[] {0}, 0), new ThreadSpec(PROGRAM, new byte[] {1}, 1))));
        Platform.Builder b = Platform.builder();
        NodePlatform.addNode(b, 0, NodePlatform.nodeId(0), settings, programs, boot, null, 0);
        NodePlatform.connectKernels(b, 1, settings);
        return b.build();
    }

    private ThreadProgram thread(int role, int tid, int pid) {
        Shared s = shared.computeIfAbsent(pid, k -> new Shared());
        s.tid[role] = tid;
        List<Action> actions = new ArrayList<>();
        int phase = 0;
        for (IpcMechanism m : parameters.mechanisms()) {
            actions.add(setup(m, role, s, phase));
            phase += 2;
            actions.add(barrier(role, phase++));
            int rounds = parameters.roundTrips();
            if (role == 0) {
                long[] start = {0};
                actions.add(run(api -> start[0] = api.now()));
                actions.add(Script.repeat(rounds, i -> sequence(notify(m, 0, s), await(m, 0, s))));
                actions.add(run(api -> api.count(m.counter(), api.now() - start[0])));
            } else {
                actions.add(Script.repeat(rounds, i -> sequence(await(m, 1, s), notify(m, 1, s))));
            }
            actions.add(teardown(m, role, s));
            actions.add(barrier(role, phase++));
        }
        return Script.program(actions.toArray(Action[]::new));
    }

    /** Both threads store their arrival, then wait for the other's (a shared-memory barrier). */
    private static Action barrier(int role, int phase) {
        long mine = BARRIER_BASE + 16L * phase + role;
        long theirs = BARRIER_BASE + 16L * phase + (1 - role);
        return sequence(step(new Step.Store(mine, 1)), step(new Step.WaitWord(theirs, v -> v == 1)));
    }

    private static Action setup(IpcMechanism m, int role, Shared s, int phase) {
        return switch (m) {
            case UINTR, UINTR_BLOCKED -> {
                UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(),
                        run(a -> s.flag[role] = true));
                yield sequence(call(new Syscall.UintrRegisterHandler(handler, 0)),
                        call(new Syscall.UintrCreateFd(USER_VECTOR, 0)),
                        run(api -> s.uintrFd[role] = (int) api.result().value()),
                        barrier(role, phase),
                        later(api -> new Step.Call(new Syscall.UintrRegisterSender(s.uintrFd[1 - role], 0))),
                        run(api -> s.uittIndex[role] = (int) api.result().value()),
                        step(new Step.Stui()),
                        barrier(role, phase + 1));
            }
            case EVENTFD -> role == 0
                    ? sequence(call(new Syscall.Eventfd(0)), run(api -> s.eventfd[0] = (int) api.result().value()),
                            call(new Syscall.Eventfd(0)), run(api -> s.eventfd[1] = (int) api.result().value()),
                            barrier(role, phase), barrier(role, phase + 1))
                    : sequence(barrier(role, phase), barrier(role, phase + 1));
            case SIGNAL -> {
                int signal = role == 0 ? SIGUSR1 : SIGUSR2;
                SignalHandlerProgram handler = (sig, value, api) -> Script.handler(
                        new Step.Call(new Syscall.SigReturn()), run(a -> s.flag[role] = true));
                yield sequence(call(new Syscall.Sigaction(signal, handler)),
                        call(new Syscall.Sigprocmask(Syscall.MaskHow.BLOCK, 1L << signal)),
                        barrier(role, phase), barrier(role, phase + 1));
            }
            case PIPE -> role == 0
                    ? sequence(call(new Syscall.Pipe()), run(api -> {
                        s.pipeRead[0] = (int) api.result().value();
                        s.pipeWrite[0] = (int) api.result().second();
                    }), call(new Syscall.Pipe()), run(api -> {
                        s.pipeRead[1] = (int) api.result().value();
                        s.pipeWrite[1] = (int) api.result().second();
                    }), barrier(role, phase), barrier(role, phase + 1))
                    : sequence(barrier(role, phase), barrier(role, phase + 1));
            case UNIX_SOCKET -> role == 0
                    ? sequence(call(new Syscall.SocketPair()), run(api -> {
                        s.socket[0] = (int) api.result().value();
                        s.socket[1] = (int) api.result().second();
                    }), barrier(role, phase), barrier(role, phase + 1))
                    : sequence(barrier(role, phase), barrier(role, phase + 1));
        };
    }

    private static Action teardown(IpcMechanism m, int role, Shared s) {
        return switch (m) {
            case UINTR, UINTR_BLOCKED -> sequence(step(new Step.Clui()),
                    later(api -> new Step.Call(new Syscall.UintrUnregisterSender(s.uittIndex[role]))));
            case SIGNAL -> call(new Syscall.Sigprocmask(Syscall.MaskHow.UNBLOCK, 1L << (role == 0 ? SIGUSR1 : SIGUSR2)));
            default -> run(api -> {});
        };
    }

    /** Thread {@code role} notifies the other one. */
    private static Action notify(IpcMechanism m, int role, Shared s) {
        int peer = 1 - role;
        return switch (m) {
            case UINTR, UINTR_BLOCKED -> later(api -> new Step.SendUipi(s.uittIndex[role]));
            case EVENTFD -> later(api -> new Step.Call(new Syscall.EventfdWrite(s.eventfd[role], 1)));
            case SIGNAL -> later(api -> new Step.Call(new Syscall.Kill(s.tid[peer], peer == 0 ? SIGUSR1 : SIGUSR2)));
            case PIPE -> later(api -> new Step.Call(new Syscall.Write(s.pipeWrite[role], 1, new byte[] {1})));
            case UNIX_SOCKET -> later(api -> new Step.Call(new Syscall.Write(s.socket[role], 1, new byte[] {1})));
        };
    }

    /** Thread {@code role} waits for the other's notification. */
    private static Action await(IpcMechanism m, int role, Shared s) {
        int peer = 1 - role;
        return switch (m) {
            case UINTR -> sequence(step(new Step.SpinUntil(() -> s.flag[role])), run(api -> s.flag[role] = false));
            case UINTR_BLOCKED -> sequence(whileTrue(() -> !s.flag[role], api -> new Step.Call(new Syscall.UintrWait())),
                    run(api -> s.flag[role] = false));
            case EVENTFD -> later(api -> new Step.Call(new Syscall.EventfdRead(s.eventfd[peer])));
            // the signal stays blocked outside sigsuspend, so it cannot slip in between two waits
            case SIGNAL -> sequence(whileTrue(() -> !s.flag[role], api -> new Step.Call(new Syscall.Sigsuspend(0))),
                    run(api -> s.flag[role] = false));
            case PIPE -> later(api -> new Step.Call(new Syscall.Read(s.pipeRead[peer], 1)));
            case UNIX_SOCKET -> later(api -> new Step.Call(new Syscall.Read(s.socket[role], 1)));
        };
    }
}
