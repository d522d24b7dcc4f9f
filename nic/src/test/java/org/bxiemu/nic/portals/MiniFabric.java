package org.bxiemu.nic.portals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A toy NIC for tests: carries out effects against byte-array host memories, delivers requests
 * and responses at once, in FIFO order. It is what the real NIC does minus time and packets, so
 * it checks that the effects are sufficient to move the right bytes.
 */
final class MiniFabric {

    static final int MEMORY = 1 << 16;

    static final class Host {
        final NetworkInterface ni;
        final byte[] memory = new byte[MEMORY];
        final List<Event> events = new ArrayList<>();

        Host(ProcessId id) {
            ni = new NetworkInterface(id);
        }

        void write(long address, byte[] data) {
            System.arraycopy(data, 0, memory, (int) address, data.length);
        }

        byte[] read(long address, long length) {
            return Arrays.copyOfRange(memory, (int) address, (int) (address + length));
        }
    }

    private record InFlight(Outgoing request, byte[] payload) {
    }

    private final Map<ProcessId, Host> hosts = new LinkedHashMap<>();
    private final ArrayDeque<InFlight> wire = new ArrayDeque<>();
    final List<TargetOutcome> outcomes = new ArrayList<>();

    Host host(ProcessId id) {
        return hosts.computeIfAbsent(id, Host::new);
    }

    /** Sends a request issued by a host and runs the fabric until nothing moves. */
    void send(Outgoing request) {
        enqueue(request);
        run();
    }

    /** Carries out effects of a host-side call (ctInc, ...) and runs the fabric. */
    void apply(ProcessId at, List<Effect> effects) {
        initiatorEffects(host(at), effects, null);
        run();
    }

    private void enqueue(Outgoing request) {
        Host src = host(request.header().initiator());
        wire.add(new InFlight(request, src.read(request.sourceAddress(), request.sourceLength())));
    }

    private void run() {
        InFlight f;
        while ((f = wire.poll()) != null) {
            Host src = host(f.request().header().initiator());
            initiatorEffects(src, src.ni.onSendComplete(f.request().opId()), null);
            Host dst = host(f.request().header().target());
            TargetOutcome outcome = dst.ni.deliver(f.request().header());
            outcomes.add(outcome);
            byte[] replyData = new byte[0];
            for (Effect e : outcome.effects()) {
                switch (e) {
                    case Effect.Deposit d -> dst.write(d.address(), Arrays.copyOf(f.payload(), (int) d.length()));
                    case Effect.Fetch fe -> replyData = dst.read(fe.address(), fe.length());
                    case Effect.AtomicUpdate a -> {
                        byte[] old = dst.read(a.address(), a.length());
                        byte[] operand = a.op().usesOperand() ? Atomics.operandBytes(a.operand(), a.type()) : null;
                        dst.write(a.address(), Atomics.apply(a.op(), a.type(), old,
                                Arrays.copyOf(f.payload(), (int) a.length()), operand));
                        if (a.returnsOld()) {
                            replyData = old;
                        }
                    }
                    case Effect.PostEvent p -> dst.events.add(p.event());
                    case Effect.Send s -> enqueue(s.outgoing());
                    case Effect.Respond r -> {
                        Host ini = host(r.response().destination());
                        List<Effect> back = r.response().kind() == ResponseKind.ACK
                                ? ini.ni.onAck(r.response().opId(), r.response().info())
                                : ini.ni.onReply(r.response().opId(), r.response().info());
                        initiatorEffects(ini, back, replyData);
                    }
                    case Effect.EventDropped ignored -> {
                    }
                    case Effect.CounterUpdate ignored -> {
                    }
                }
            }
        }
    }

    private void initiatorEffects(Host h, List<Effect> effects, byte[] replyData) {
        for (Effect e : effects) {
            switch (e) {
                case Effect.Deposit d -> h.write(d.address(), Arrays.copyOf(replyData, (int) d.length()));
                case Effect.PostEvent p -> h.events.add(p.event());
                case Effect.Send s -> enqueue(s.outgoing());
                default -> {
                }
            }
        }
    }
}
