package org.bxiemu.nic.portals;

/** The two match lists of a portal table entry. */
public enum ListKind {
    /** Searched first, in append order: posted receives. */
    PRIORITY,
    /** Searched when nothing in the priority list matched: buffers for unexpected messages. */
    OVERFLOW
}
