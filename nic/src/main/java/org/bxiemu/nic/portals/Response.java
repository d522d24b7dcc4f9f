package org.bxiemu.nic.portals;

/**
 * The answer a target sends back; the initiator's NIC hands it to {@code onAck} or {@code onReply}.
 * A REPLY's data is what the preceding {@link Effect.Fetch} or {@link Effect.AtomicUpdate}
 * (with {@code returnsOld}) read, {@code info.mlength()} bytes of it.
 *
 * @param kind ACK or REPLY
 * @param destination the initiator
 * @param opId the initiator's operation id, from the request header
 * @param info outcome, manipulated length and offset used
 */
public record Response(ResponseKind kind, ProcessId destination, long opId, AckInfo info) {
}
