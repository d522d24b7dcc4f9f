package org.bxiemu.nic.portals;

import java.util.List;
import java.util.Set;

/** Shared test helpers: processes, request headers, effect filters. */
final class Fixtures {

    private Fixtures() {}

    static final ProcessId A = new ProcessId(0, 1);
    static final ProcessId B = new ProcessId(1, 1);
    static final ProcessId C = new ProcessId(2, 7);

    static long nextOpId = 1000;

    static OperationHeader put(ProcessId from, ProcessId to, int pt, long bits, long remoteOffset, long length,
                               AckRequest ack) {
        return new OperationHeader(nextOpId++, OpKind.PUT, from, to, pt, bits, remoteOffset, length, 0xDA7AL, ack,
                null, null, 0);
    }

    static OperationHeader put(int pt, long bits, long length) {
        return put(A, B, pt, bits, 0, length, AckRequest.ACK);
    }

    static OperationHeader get(ProcessId from, ProcessId to, int pt, long bits, long remoteOffset, long length) {
        return new OperationHeader(nextOpId++, OpKind.GET, from, to, pt, bits, remoteOffset, length, 0,
                AckRequest.NO_ACK, null, null, 0);
    }

    static OperationHeader atomic(OpKind kind, ProcessId from, ProcessId to, int pt, long bits, long remoteOffset,
                                  long length, AtomicOp op, AtomicType type, long operand) {
        AckRequest ack = kind == OpKind.ATOMIC ? AckRequest.ACK : AckRequest.NO_ACK;
        return new OperationHeader(nextOpId++, kind, from, to, pt, bits, remoteOffset, length, 0, ack, op, type,
                operand);
    }

    /** An NI for B with one portal table entry 0 on a roomy event queue. */
    static NetworkInterface target(Set<PtOption> options) {
        NetworkInterface ni = new NetworkInterface(B);
        EqHandle eq = ni.eqAlloc(1024);
        ni.ptAlloc(0, eq, options);
        return ni;
    }

    static List<Event> events(List<Effect> effects) {
        return effects.stream().filter(Effect.PostEvent.class::isInstance).map(e -> ((Effect.PostEvent) e).event())
                .toList();
    }

    static List<EventKind> kinds(List<Effect> effects) {
        return events(effects).stream().map(Event::kind).toList();
    }

    static List<EventKind> kinds(TargetOutcome outcome) {
        return kinds(outcome.effects());
    }

    static <T extends Effect> List<T> only(Class<T> type, List<Effect> effects) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<Outgoing> sends(List<Effect> effects) {
        return only(Effect.Send.class, effects).stream().map(Effect.Send::outgoing).toList();
    }
}
