package org.bxiemu.nic.portals;

/**
 * The header of a Portals request as it travels from initiator to target: what
 * {@link NetworkInterface#deliver} needs to decide what happens (the brief's "incoming operation").
 * The payload itself never enters this library; effects say where it goes.
 *
 * @param opId the initiator's operation id, echoed in the ACK/REPLY so the initiator can find it
 * @param kind put, get, atomic, fetch-atomic or swap
 * @param initiator sender process
 * @param target destination process
 * @param ptIndex portal table index at the target
 * @param matchBits match bits
 * @param remoteOffset offset requested in the target entry (ignored by MANAGE_LOCAL entries)
 * @param length requested length (rlength)
 * @param hdrData 64 bits of out-of-band user data
 * @param ackRequest acknowledgement requested (NO_ACK for get, fetch-atomic and swap, which get a reply)
 * @param atomicOp atomic operation (null for put and get)
 * @param atomicType atomic datatype (null for put and get)
 * @param operand swap operand, little-endian bits: compare value for CSWAP*, mask for MSWAP, else 0
 */
public record OperationHeader(long opId, OpKind kind, ProcessId initiator, ProcessId target, int ptIndex,
                              long matchBits, long remoteOffset, long length, long hdrData, AckRequest ackRequest,
                              AtomicOp atomicOp, AtomicType atomicType, long operand) {

    public OperationHeader {
        if (kind == null || ackRequest == null) {
            throw new IllegalArgumentException("kind and ackRequest must not be null");
        }
        ProcessId.requireConcrete(initiator, "initiator");
        ProcessId.requireConcrete(target, "target");
        if (remoteOffset < 0 || length < 0) {
            throw new IllegalArgumentException("remote offset and length must be >= 0");
        }
        if (kind.isAtomic() != (atomicOp != null) || kind.isAtomic() != (atomicType != null)) {
            throw new IllegalArgumentException("atomic op and type are required for atomics and only for them");
        }
        if (kind.repliesWithData() && ackRequest != AckRequest.NO_ACK) {
            throw new IllegalArgumentException(kind + " is answered by a reply, not an acknowledgement");
        }
    }
}
