package org.bxiemu.nic.portals;

/** The mutable state of an appended match list entry. */
final class LinkedEntry {

    final MeHandle handle;
    final MatchEntry spec;
    MatchEntryStatus.State state;
    /** MANAGE_LOCAL offset: advanced by each match's mlength. */
    long localOffset;
    /** Unexpected headers whose data sits in this (overflow) entry. */
    int headerRefs;
    /** An AUTO_UNLINK was posted for this overflow entry: post AUTO_FREE once no header refers to it. */
    boolean autoFreePending;
    /** While {@link MatchEntryStatus.State#PENDING_TRIGGER}: where the triggered append waits. */
    Counter triggerCounter;
    TriggerKey triggerKey;

    LinkedEntry(MeHandle handle, MatchEntry spec, MatchEntryStatus.State state) {
        this.handle = handle;
        this.spec = spec;
        this.state = state;
    }

    /** Still matching, or about to: it holds its portal table entry. */
    boolean holdsPt() {
        return state == MatchEntryStatus.State.LINKED || state == MatchEntryStatus.State.PENDING_TRIGGER;
    }

    /** Out of every list and referenced by no unexpected header: its state can be forgotten. */
    boolean dead() {
        return !holdsPt() && headerRefs == 0;
    }
}
