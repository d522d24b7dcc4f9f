package org.bxiemu.nic.portals;

/** The five Portals data-movement operations, as they appear in a request header. */
public enum OpKind {
    PUT(true, false, EventKind.PUT, EventKind.PUT_OVERFLOW),
    GET(false, true, EventKind.GET, EventKind.GET_OVERFLOW),
    ATOMIC(true, false, EventKind.ATOMIC, EventKind.ATOMIC_OVERFLOW),
    FETCH_ATOMIC(true, true, EventKind.FETCH_ATOMIC, EventKind.FETCH_ATOMIC_OVERFLOW),
    /** A swap reports like a fetch-atomic (it is one, with an extra operand). */
    SWAP(true, true, EventKind.FETCH_ATOMIC, EventKind.FETCH_ATOMIC_OVERFLOW);

    private final boolean needsPut;
    private final boolean needsGet;
    private final EventKind commEvent;
    private final EventKind overflowEvent;

    OpKind(boolean needsPut, boolean needsGet, EventKind commEvent, EventKind overflowEvent) {
        this.needsPut = needsPut;
        this.needsGet = needsGet;
        this.commEvent = commEvent;
        this.overflowEvent = overflowEvent;
    }

    /** The entry must have OP_PUT: data flows into it. */
    public boolean needsPut() {
        return needsPut;
    }

    /** The entry must have OP_GET: data flows out of it. */
    public boolean needsGet() {
        return needsGet;
    }

    /** True if the target answers with a REPLY carrying data (get, fetch-atomic, swap). */
    public boolean repliesWithData() {
        return needsGet;
    }

    /** True for the three atomic kinds, which carry an operation and a datatype. */
    public boolean isAtomic() {
        return this == ATOMIC || this == FETCH_ATOMIC || this == SWAP;
    }

    /** The target event when the operation is performed on an entry. */
    public EventKind commEvent() {
        return commEvent;
    }

    /** The target event when a late priority entry matches it in the unexpected list. */
    public EventKind overflowEvent() {
        return overflowEvent;
    }
}
