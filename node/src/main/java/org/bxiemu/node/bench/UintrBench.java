package org.bxiemu.node.bench;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.bxiemu.node.user.Script.sequence;
import static org.bxiemu.node.user.Script.step;

import com.typesafe.config.Config;
import java.util.List;
import java.util.TreeMap;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.Kernel;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.nic.NicSettings;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.node.user.UserInterruptHandler;

/**
 * The user-interrupt benchmark: a receiver thread computes on core 1 while interrupts reach it;
 * its handler records how long after the interrupt's source it started. Sources, by
 * {@code uintr-bench.source}: a sender thread's SENDUIPI on core 0 ({@code senduipi}; with
 * core.uintr.tracked the xUI tracked variant), the receiver's own xUI kernel-bypass timer
 * ({@code kb-timer}), a device posting to the receiver's UPID ({@code device}; with
 * node.device-forwarding the xUI forwarded variant), or a sender posting back to back for the
 * handler rate ({@code flood}). Counters on core 1: {@code uintr-bench.latency-ps} (sum),
 * {@code uintr-bench.handlers}, and the core's own delivery counters.
 */
public final class UintrBench {
    public static final String PROGRAM = "uintr-bench";
    public static final String LATENCY = "uintr-bench.latency-ps";
    public static final String HANDLERS = "uintr-bench.handlers";
    private static final int VECTOR = 7;

    public enum Source { SENDUIPI, KB_TIMER, DEVICE, FLOOD }

    public record Parameters(Source source, int interrupts, long gap, long flood) {
        public static Parameters from(Config config) {
            Config c = config.getConfig("uintr-bench");
            Source source = switch (c.getString("source")) {
                case "senduipi" -> Source.SENDUIPI;
                case "kb-timer" -> Source.KB_TIMER;
                case "device" -> Source.DEVICE;
                case "flood" -> Source.FLOOD;
                default -> throw new BadInputException("uintr-bench.source: unknown source '" + c.getString("source")
                        + "' (known: senduipi, kb-timer, device, flood)");
            };
            int n = c.getInt("interrupts");
            if (n < 1 || n > 1_000_000) throw new BadInputException("uintr-bench.interrupts: " + n + " is out of range 1..1000000");
            long gap = Durations.parse(c.getString("gap"), "uintr-bench.gap");
            if (gap < Durations.US) throw new BadInputException("uintr-bench.gap: must be at least 1us (one interrupt at a time)");
            long flood = Durations.parse(c.getString("flood-duration"), "uintr-bench.flood-duration");
            if (flood <= 0) throw new BadInputException("uintr-bench.flood-duration: must be positive");
            return new Parameters(source, n, gap, flood);
        }
    }

    private static final class Shared {
        int uintrFd = -1;
        long sentAt;
        boolean done;
        long firstTick;
        long ticks;
    }

    private final Parameters p;
    private final TreeMap<Integer, Shared> shared = new TreeMap<>();
    /** When the device starts posting: after the receiver registered and the start barrier. */
    static final long DEVICE_START = 200 * Durations.US;

    private UintrBench(Parameters p) {
        this.p = p;
    }

    public static Platform build(Config config) {
        Parameters p = Parameters.from(config);
        NodePlatform.Settings settings = NodePlatform.Settings.from(config).requireCores(2, "the uintr benchmark");
        UintrBench bench = new UintrBench(p);
        ProgramRegistry programs = new ProgramRegistry().register(PROGRAM,
                (tid, pid, spec) -> bench.thread(spec.arguments()[0], pid));
        List<BootProcess> boot = List.of(new BootProcess(PROGRAM, List.of(
                new ThreadSpec(PROGRAM, new byte[] {0}, 0), new ThreadSpec(PROGRAM, new byte[] {1}, 1))));
        Platform.Builder b = Platform.builder();
        String device = p.source() == Source.DEVICE ? NodePlatform.nodeId(0) + ".device" : null;
        long pcie = NicSettings.from(config).pcieLatency();
        NodePlatform.addNode(b, 0, NodePlatform.nodeId(0), settings, programs, boot, null, 0);
        if (device != null) {
            // the receiver is the node's only user-interrupt receiver: its UPID is the first one
            b.component(device, NodePlatform.nodeId(0), () -> new PostingDevice(Kernel.UPID_BASE, VECTOR,
                    DEVICE_START, p.gap(), p.interrupts()), "pcie");
            b.connect(device, "pcie", NodePlatform.hubId(0), "device", pcie);
        }
        NodePlatform.connectKernels(b, 1, settings);
        return b.build();
    }

    private ThreadProgram thread(int role, int pid) {
        Shared s = shared.computeIfAbsent(pid, k -> new Shared());
        return role == 1 ? receiver(s) : sender(s);
    }

    private ThreadProgram receiver(Shared s) {
        UserInterruptHandler handler = (vector, api) -> {
            long source = switch (p.source()) {
                case SENDUIPI, FLOOD -> s.sentAt;
                case KB_TIMER -> s.firstTick + (++s.ticks) * p.gap();
                case DEVICE -> DEVICE_START + s.ticks++ * p.gap();
            };
            api.count(HANDLERS, 1);
            if (p.source() != Source.FLOOD) api.count(LATENCY, api.now() - source);
            return Script.handler(new Step.Uiret());
        };
        Action arm = p.source() == Source.KB_TIMER
                ? sequence(run(api -> s.firstTick = api.now()), step(new Step.KbTimer(p.gap(), VECTOR)))
                : run(api -> {});
        return Script.program(
                call(new Syscall.UintrRegisterHandler(handler, 0)),
                call(new Syscall.UintrCreateFd(VECTOR, 0)),
                run(api -> s.uintrFd = (int) api.result().value()),
                step(new Step.Store(0x100, 1)),
                step(new Step.Stui()),
                arm,
                // compute in long segments until the sender (or the clock) says the run is over
                Script.whileTrue(() -> !s.done && (p.source() != Source.KB_TIMER || s.ticks < p.interrupts())
                        && (p.source() != Source.DEVICE || s.ticks < p.interrupts()),
                        api -> new Step.Compute(p.gap())),
                step(new Step.KbTimer(0, VECTOR)),
                step(new Step.Clui()));
    }

    private ThreadProgram sender(Shared s) {
        if (p.source() == Source.KB_TIMER || p.source() == Source.DEVICE) return Script.program();
        int[] index = {0};
        Action register = sequence(step(new Step.WaitWord(0x100, v -> v == 1)),
                later(api -> new Step.Call(new Syscall.UintrRegisterSender(s.uintrFd, 0))),
                run(api -> index[0] = (int) api.result().value()),
                step(new Step.Compute(10 * Durations.US)));
        Action posts;
        if (p.source() == Source.FLOOD) {
            long[] until = {0};
            posts = sequence(run(api -> until[0] = api.now() + p.flood()),
                    Script.whileTrue(() -> true, api -> api.now() < until[0] ? new Step.SendUipi(index[0]) : null));
        } else {
            posts = Script.repeat(p.interrupts(), i -> sequence(run(api -> s.sentAt = api.now()),
                    later(api -> new Step.SendUipi(index[0])), step(new Step.Compute(p.gap()))));
        }
        return Script.program(register, posts, run(api -> s.done = true));
    }
}
