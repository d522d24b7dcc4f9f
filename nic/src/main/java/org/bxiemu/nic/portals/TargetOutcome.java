package org.bxiemu.nic.portals;

import java.util.List;
import java.util.Optional;

/**
 * What an incoming operation did at the target.
 *
 * <p>{@link #effects()} is the complete, ordered account: the data effect (Deposit, Fetch or
 * AtomicUpdate), the communication event, counter updates, entry events (AUTO_UNLINK), the
 * Respond, then the effects of triggered operations that became due. The other components are
 * summaries of it for the NIC's convenience and for tests.
 *
 * @param header the request
 * @param niFail OK if an entry accepted it, else why not
 * @param matched the entry that accepted it, or null
 * @param list the list where it matched, or null
 * @param offset the offset used in the entry (remote or local)
 * @param mlength bytes manipulated (0 when not accepted)
 * @param start host address of the manipulated range (entry start + offset), 0 when not accepted
 * @param effects ordered effects
 */
public record TargetOutcome(OperationHeader header, NiFail niFail, MeHandle matched, ListKind list, long offset,
                            long mlength, long start, List<Effect> effects) {

    public TargetOutcome {
        effects = List.copyOf(effects);
    }

    public boolean accepted() {
        return niFail == NiFail.OK;
    }

    public Optional<MeHandle> matchedEntry() {
        return Optional.ofNullable(matched);
    }

    /** The ACK or REPLY to send, if any (none for a put or atomic without acknowledgement). */
    public Optional<Response> response() {
        return effects.stream().filter(Effect.Respond.class::isInstance).map(e -> ((Effect.Respond) e).response())
                .findFirst();
    }

    /** Events written, in order. */
    public List<Event> events() {
        return effects.stream().filter(Effect.PostEvent.class::isInstance).map(e -> ((Effect.PostEvent) e).event())
                .toList();
    }

    /** Counter updates, in order. */
    public List<Effect.CounterUpdate> counterUpdates() {
        return effects.stream().filter(Effect.CounterUpdate.class::isInstance).map(Effect.CounterUpdate.class::cast)
                .toList();
    }

    /** Requests sent by triggered operations that fired, in order. */
    public List<Outgoing> sends() {
        return effects.stream().filter(Effect.Send.class::isInstance).map(e -> ((Effect.Send) e).outgoing())
                .toList();
    }
}
