package org.bxiemu.nic.portals;

/** Kinds of full events ({@code ptl_event_kind_t}). */
public enum EventKind {
    /** Target: a get was served from a priority or overflow entry. */
    GET,
    /** Target: a new priority entry matched a get that earlier landed in the overflow list. */
    GET_OVERFLOW,
    /** Target: data of a put was deposited. */
    PUT,
    /** Target: a new priority entry matched a put that earlier landed in the overflow list. */
    PUT_OVERFLOW,
    /** Target: an atomic was performed. */
    ATOMIC,
    /** Target: a new priority entry matched an atomic that earlier landed in the overflow list. */
    ATOMIC_OVERFLOW,
    /** Target: a fetch-atomic or swap was performed. */
    FETCH_ATOMIC,
    /** Target: a new priority entry matched a fetch-atomic or swap from the overflow list. */
    FETCH_ATOMIC_OVERFLOW,
    /** Initiator: the reply of a get/fetch-atomic/swap arrived and its data was deposited. */
    REPLY,
    /** Initiator: the request left; its buffer may be reused. */
    SEND,
    /** Initiator: the target acknowledged a put/atomic. */
    ACK,
    /** Target: flow control disabled the portal table entry. */
    PT_DISABLED,
    /** Target: an entry appended with LINK events enabled was linked into its list. */
    LINK,
    /** Target: an entry was unlinked automatically (USE_ONCE, or min_free reached). */
    AUTO_UNLINK,
    /** Target: an auto-unlinked overflow entry is no longer referenced by unexpected headers. */
    AUTO_FREE,
    /** Target: result of a search of the unexpected list. */
    SEARCH
}
