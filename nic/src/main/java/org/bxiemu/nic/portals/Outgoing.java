package org.bxiemu.nic.portals;

/**
 * A request the NIC must send: the header, and the local range whose bytes form the payload
 * (DMA-read from the initiator's host memory).
 *
 * @param header request header; {@code header.opId()} identifies the operation in
 *     {@code onSendComplete}, {@code onAck} and {@code onReply}
 * @param sourceAddress host address of the payload (0 with no payload)
 * @param sourceLength payload length: the length for put/atomic/fetch-atomic/swap, 0 for get
 */
public record Outgoing(OperationHeader header, long sourceAddress, long sourceLength) {

    public long opId() {
        return header.opId();
    }
}
