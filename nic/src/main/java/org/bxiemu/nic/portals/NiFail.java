package org.bxiemu.nic.portals;

/** Failure indication carried by events and acknowledgements ({@code ptl_ni_fail_t}). */
public enum NiFail {
    /** Success. */
    OK,
    /** The network could not deliver the message (reported by the NIC's reliability layer). */
    UNDELIVERABLE,
    /** The target dropped the message: no matching entry, or a resource ran out, without flow control. */
    DROPPED,
    /** The target's portal table entry is (or just became) disabled. */
    PT_DISABLED,
    /** The message failed an access-control check at the target. */
    PERM_VIOLATION,
    /** The matching entry does not allow this operation (OP_PUT/OP_GET missing). */
    OP_VIOLATION,
    /** A search found no unexpected header. */
    NO_MATCH,
    /** The operation addressed memory outside the entry (kept for completeness; truncation avoids it). */
    SEGV
}
