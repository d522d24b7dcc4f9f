package org.bxiemu.nic.portals;

/**
 * State of a match list entry.
 *
 * @param state where the entry is in its life
 * @param list list it was appended to
 * @param localOffset current local offset (MANAGE_LOCAL), 0 otherwise
 * @param unexpectedHeaders unexpected headers whose data sits in this (overflow) entry
 */
public record MatchEntryStatus(State state, ListKind list, long localOffset, int unexpectedHeaders) {

    /** Life cycle of an entry. */
    public enum State {
        /** Submitted as a triggered append, not fired yet. */
        PENDING_TRIGGER,
        /** In its list, matching. */
        LINKED,
        /** Unlinked automatically (USE_ONCE or min_free) after matching. */
        AUTO_UNLINKED,
        /** A USE_ONCE priority entry that matched an unexpected header on append: never linked. */
        CONSUMED,
        /** Unlinked by {@code meUnlink} (or cancelled before its trigger fired). */
        UNLINKED
    }
}
