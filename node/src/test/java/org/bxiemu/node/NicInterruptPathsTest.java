package org.bxiemu.node;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.bxiemu.node.user.Script.sequence;
import static org.bxiemu.node.user.Script.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.nic.portals.EventKind;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeOption;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.node.user.UserInterruptHandler;
import org.junit.jupiter.api.Test;

/**
 * A Put between two nodes of a fabric reaches the target thread through its NIC's event queue,
 * by each of the host's paths: the thread polls the queue's word; an MSI runs the kernel's IRQ
 * handler, which wakes the thread blocked on an eventfd; or the NIC posts a user vector and the
 * thread's handler runs while it computes. The bytes arrive in the target's memory either way.
 */
class NicInterruptPathsTest {
    private static final int PT = 4;
    /** The Portals pid both ranks open their interface with. */
    private static final int PID = 7;
    private static final long MATCH = 0x77;
    private static final long BUFFER = 0x10000;
    private static final int MSI_VECTOR = 0x40;
    private static final byte[] PAYLOAD = "hello, node 1".getBytes(StandardCharsets.US_ASCII);

    private enum Path { POLL, MSI_EVENTFD, USER_VECTOR }

    private record Seen(List<Event> events, long at, byte[] landed, Map<String, Long> core, Map<String, Long> kernel) {}

    @Test
    void aPutReachesTheTargetThreadByPollingByMsiAndByUserVector() {
        Seen poll = runOver(Path.POLL);
        Seen msi = runOver(Path.MSI_EVENTFD);
        Seen uvec = runOver(Path.USER_VECTOR);
        for (Seen s : List.of(poll, msi, uvec)) {
            assertEquals(1, s.events().size(), "one PUT event");
            assertEquals(EventKind.PUT, s.events().get(0).kind());
            assertEquals(PAYLOAD.length, s.events().get(0).mlength());
            assertArrayEquals(PAYLOAD, s.landed(), "the bytes landed in the target's memory");
        }
        assertTrue(poll.core().get(CoreTime.POLLING.counter()) > 10 * Durations.US, "polling spins");
        assertEquals(1L, msi.kernel().get("kernel.interrupts.vector-0x40"), "the NIC's MSI ran the IRQ handler");
        assertTrue(msi.core().get(CoreTime.IDLE.counter()) > 10 * Durations.US, "the thread slept on its eventfd");
        assertEquals(1L, uvec.core().get("core.uintr.deliveries"), "the NIC's user vector ran the handler");
        assertTrue(uvec.core().get(CoreTime.COMPUTE.counter()) > 10 * Durations.US, "the thread computed meanwhile");
        assertTrue(poll.at() < uvec.at() && uvec.at() < msi.at(),
                "polling sees the event first, then the user interrupt, then the kernel path: " + poll.at() + " "
                        + uvec.at() + " " + msi.at());
    }

    private Seen runOver(Path path) {
        Config config = ConfigFactory.parseString("""
                cluster.fabric = on
                switch.topology = star
                switch.star.nodes = 2
                node.cores = 2
                job.program = portals
                job.ranks-per-node = 1
                """).withFallback(ConfigFactory.load()).resolve();
        List<Event> events = new ArrayList<>();
        long[] at = {0};
        byte[][] landed = {new byte[0]};
        ProgramRegistry programs = new ProgramRegistry().register("portals", (tid, pid, spec) ->
                Job.rankOf(spec) == 0 ? initiator(pid) : target(path, events, at, landed));
        RunResult r = Emulation.lead(RunSetup.of(ClusterPlatform.build(config, programs),
                EngineSettings.from(config).withPartitionsPerJvm(2), 1, 5, Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        return new Seen(events, at[0], landed[0], counters(r, "n0001.core0"), counters(r, "n0001.kernel"));
    }

    private static Map<String, Long> counters(RunResult r, String id) {
        Map<String, Long> out = new TreeMap<>();
        r.components().stream().filter(c -> c.getId().equals(id))
                .forEach(c -> c.getCountersList().forEach(k -> out.put(k.getName(), k.getValue())));
        return out;
    }

    /** Rings a doorbell and waits for its completion word; {@code handle[0]} gets the allocated handle. */
    private static Action command(HostMessage.HostRequest request, long word, int[] handle) {
        return sequence(step(new Step.Doorbell(PID, request, word)), step(new Step.WaitWord(word, v -> v > 0)),
                run(api -> handle[0] = (int) api.result().value() - 1));
    }

    private static ThreadProgram initiator(int pid) {
        int[] h = new int[1];
        DataCommand put = new DataCommand.Put(new MdHandle(0), 0, PAYLOAD.length, AckRequest.NO_ACK,
                new ProcessId(1, PID), PT, MATCH, 0, 0, 0);
        return Script.program(
                command(new HostMessage.OpenInterface(), 0x100, h),
                command(new HostMessage.EqAlloc(64), 0x108, h),
                command(new HostMessage.MdBind(MemoryDescriptor.of(0, 1 << 20).withEq(new EqHandle(h[0]))), 0x110, h),
                step(new Step.WriteMemory(0x2000, PAYLOAD)),
                step(new Step.Compute(50 * Durations.US)), // the target is set up by then
                step(new Step.Doorbell(PID, new HostMessage.Operation(new DataCommand.Put(new MdHandle(0), 0x2000,
                        PAYLOAD.length, AckRequest.NO_ACK, put.target(), PT, MATCH, 0, 0, 0)), 0x118)));
    }

    private static ThreadProgram target(Path path, List<Event> events, long[] at, byte[][] landed) {
        int[] eq = new int[1];
        int[] h = new int[1];
        int[] efd = new int[1];
        boolean[] interrupted = {false};
        MatchEntry me = MatchEntry.builder(PT).match(MATCH, 0).buffer(BUFFER, 4096).options(MeOption.OP_PUT, MeOption.EVENT_LINK_DISABLE).build();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), run(a -> interrupted[0] = true));
        Action setup = sequence(
                command(new HostMessage.OpenInterface(), 0x100, h),
                command(new HostMessage.EqAlloc(64), 0x108, eq),
                later(api -> new Step.Doorbell(PID, new HostMessage.PtAlloc(PT, new EqHandle(eq[0]),
                        EnumSet.noneOf(org.bxiemu.nic.portals.PtOption.class)), 0x110)),
                step(new Step.WaitWord(0x110, v -> v > 0)),
                command(new HostMessage.MeAppend(me), 0x118, h));
        Action notifications = switch (path) {
            case POLL -> run(api -> {});
            case MSI_EVENTFD -> sequence(call(new Syscall.Eventfd(0)), run(api -> efd[0] = (int) api.result().value()),
                    later(api -> new Step.Call(new Syscall.IrqBind(MSI_VECTOR, new Syscall.SignalEventfd(efd[0])))),
                    later(api -> new Step.Doorbell(PID, new HostMessage.EqInterrupts(new EqHandle(eq[0]),
                            new HostMessage.Msi(api.core(), MSI_VECTOR, 0)), 0x120)),
                    step(new Step.WaitWord(0x120, v -> v > 0)));
            case USER_VECTOR -> sequence(call(new Syscall.UintrRegisterHandler(handler, 0)), step(new Step.Stui()),
                    later(api -> new Step.Doorbell(PID, new HostMessage.EqInterrupts(new EqHandle(eq[0]),
                            new HostMessage.UserVector(api.upid(), 5, 0)), 0x120)),
                    step(new Step.WaitWord(0x120, v -> v > 0)));
        };
        Action await = switch (path) {
            case POLL -> later(api -> new Step.WaitWord(Node.eventQueueWord(PID, eq[0]), v -> v > 0));
            case MSI_EVENTFD -> later(api -> new Step.Call(new Syscall.EventfdRead(efd[0])));
            case USER_VECTOR -> Script.whileTrue(() -> !interrupted[0], api -> new Step.Compute(5 * Durations.US));
        };
        return Script.program(setup, notifications, await,
                run(api -> at[0] = api.now()),
                later(api -> new Step.TakeEvents(PID, new EqHandle(eq[0]), 8)),
                run(api -> events.addAll(api.events())),
                step(new Step.ReadMemory(BUFFER, PAYLOAD.length)),
                run(api -> landed[0] = api.result().data()));
    }
}
