package org.bxiemu.nic.portals;

/**
 * A full event ({@code ptl_event_t}), as written into an event queue.
 *
 * <p>Target events (PUT, GET, ..., *_OVERFLOW, SEARCH) describe the operation's header and where
 * its data landed or was read. Initiator events (SEND, ACK, REPLY) carry the operation's user
 * pointer, lengths, the offset used at the target and the failure indication; their
 * {@code initiator} is this process and {@code ptIndex}/{@code matchBits}/{@code hdrData} echo the
 * request. Entry events (LINK, AUTO_UNLINK, AUTO_FREE) carry the entry's user pointer and the
 * portal index only (their {@code initiator} is null). Fields a kind does not define are 0, or
 * null for the objects (initiator, list, atomic operation and type).
 *
 * @param kind event kind
 * @param initiator process that initiated the operation
 * @param ptIndex portal table index the operation addressed
 * @param matchBits match bits of the operation
 * @param rlength requested length
 * @param mlength manipulated length (after truncation)
 * @param remoteOffset at the target the offset requested; at the initiator the offset used by the target
 * @param start host address where data landed or was read (target), 0 otherwise
 * @param userPtr the matching entry's (target) or the operation's (initiator) user pointer
 * @param hdrData 64 bits of header data from the initiator
 * @param niFail failure indication
 * @param list list where the operation matched (target communication/overflow events), else null
 * @param atomicOp atomic operation, or null if not atomic
 * @param atomicType atomic datatype, or null if not atomic
 */
public record Event(EventKind kind, ProcessId initiator, int ptIndex, long matchBits, long rlength, long mlength,
                    long remoteOffset, long start, long userPtr, long hdrData, NiFail niFail, ListKind list,
                    AtomicOp atomicOp, AtomicType atomicType) {

    /** Target-side event describing an operation header. */
    static Event target(EventKind kind, OperationHeader h, long mlength, long start, long userPtr, NiFail niFail,
                        ListKind list) {
        return new Event(kind, h.initiator(), h.ptIndex(), h.matchBits(), h.length(), mlength, h.remoteOffset(),
                start, userPtr, h.hdrData(), niFail, list, h.atomicOp(), h.atomicType());
    }

    /** Event about an entry's life cycle (LINK, AUTO_UNLINK, AUTO_FREE, failed SEARCH). */
    static Event entry(EventKind kind, int ptIndex, long userPtr, NiFail niFail) {
        return new Event(kind, null, ptIndex, 0, 0, 0, 0, 0, userPtr, 0, niFail, null, null, null);
    }

    /** Initiator-side event (SEND, ACK, REPLY). */
    static Event initiator(EventKind kind, ProcessId self, DataCommand cmd, long mlength, long remoteOffset,
                           NiFail niFail) {
        return new Event(kind, self, cmd.ptIndex(), cmd.matchBits(), cmd.length(), mlength, remoteOffset, 0,
                cmd.userPtr(), cmd.hdrData(), niFail, null, cmd.atomicOp(), cmd.atomicType());
    }
}
