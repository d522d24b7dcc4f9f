package org.bxiemu.nic.portals;

/** Acknowledgement requested by a put or atomic ({@code ptl_ack_req_t}). */
public enum AckRequest {
    /** No acknowledgement: the SEND event is the last one. */
    NO_ACK,
    /** Full acknowledgement: an ACK event (and the MD's CT if it counts acks). */
    ACK,
    /** Counting acknowledgement: only the MD's CT (events or bytes), no full event. */
    CT_ACK,
    /**
     * Operation-completed acknowledgement: only the MD's CT, counting operations only. It says the
     * operation finished at the target, not what happened to it, so it counts as a success even
     * when the target dropped the message.
     */
    OC_ACK
}
