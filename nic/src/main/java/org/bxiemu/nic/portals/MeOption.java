package org.bxiemu.nic.portals;

/** Options of a match list entry ({@code PTL_ME_*}). */
public enum MeOption {
    /** Accept puts and atomics (data flowing in). */
    OP_PUT,
    /** Accept gets (data flowing out); fetch-atomic and swap need both OP_PUT and OP_GET. */
    OP_GET,
    /** Unlink after the first match. */
    USE_ONCE,
    /** The entry keeps its own offset, advanced by each match's mlength; remote offsets are ignored. */
    MANAGE_LOCAL,
    /** An operation that does not fit in the remaining space does not match this entry. */
    NO_TRUNCATE,
    /** No full events at all from this entry (counting events are unaffected). */
    EVENT_DISABLE,
    /** No communication events (PUT, GET, ATOMIC, FETCH_ATOMIC, SEARCH) from this entry. */
    EVENT_COMM_DISABLE,
    /** No full events that report success (communication and overflow events). */
    EVENT_SUCCESS_DISABLE,
    /** No LINK event when the entry is linked. */
    EVENT_LINK_DISABLE,
    /** No AUTO_UNLINK or AUTO_FREE events. */
    EVENT_UNLINK_DISABLE,
    /** No *_OVERFLOW events for this entry. */
    EVENT_OVER_DISABLE,
    /** Count communication events on the entry's CT. */
    EVENT_CT_COMM,
    /** Count overflow events on the entry's CT. */
    EVENT_CT_OVERFLOW,
    /** Count bytes (mlength) instead of events; failures still count one. */
    EVENT_CT_BYTES
}
