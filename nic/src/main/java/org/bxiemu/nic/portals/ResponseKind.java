package org.bxiemu.nic.portals;

/** The kind of answer a target sends back to the initiator. */
public enum ResponseKind {
    /** Answer to a put or atomic that requested an acknowledgement (no data). */
    ACK,
    /** Answer to a get, fetch-atomic or swap, carrying the fetched data. */
    REPLY
}
