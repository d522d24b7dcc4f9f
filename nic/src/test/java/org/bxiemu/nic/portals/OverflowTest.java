package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.C;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverflowTest {

    private static final long OVERFLOW_BUF = 0x8000;

    private final NetworkInterface ni = Fixtures.target(Set.of());

    /** A persistent, locally managed overflow buffer catching everything, as MPI posts them. */
    private MeHandle overflowBuffer(long length, long minFree) {
        return ni.meAppend(MatchEntry.builder(0).list(ListKind.OVERFLOW).match(0, -1L).buffer(OVERFLOW_BUF, length)
                .options(MeOption.OP_PUT, MeOption.OP_GET, MeOption.MANAGE_LOCAL).minFree(minFree).userPtr(0xF00)
                .build()).handle();
    }

    private static MatchEntry recv(long bits, MeOption... options) {
        return MatchEntry.builder(0).match(bits, 0).buffer(0x1000, 4096).options(MeOption.OP_PUT, MeOption.OP_GET)
                .options(options).userPtr(0xBEEF).build();
    }

    @Test
    void messageMatchingOverflowEntryDepositsThereAndBecomesUnexpected() {
        MeHandle buf = overflowBuffer(1 << 12, 0);
        TargetOutcome o = ni.deliver(put(A, B, 0, 42, 0, 100, AckRequest.ACK));
        assertEquals(buf, o.matched());
        assertEquals(ListKind.OVERFLOW, o.list());
        assertEquals(new Effect.Deposit(OVERFLOW_BUF, 100, true), o.effects().get(0));
        Event put = o.events().get(0);
        assertEquals(EventKind.PUT, put.kind());
        assertEquals(0xF00, put.userPtr(), "the PUT event belongs to the overflow entry");
        assertEquals(ListKind.OVERFLOW, put.list());
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount());
        assertEquals(1, ni.meStatus(buf).orElseThrow().unexpectedHeaders());
    }

    @Test
    void lateUseOnceAppendClaimsTheHeaderAndIsNeverLinked() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(A, B, 0, 7, 0, 64, AckRequest.NO_ACK)); // lands at OVERFLOW_BUF
        ni.deliver(put(C, B, 0, 42, 0, 100, AckRequest.NO_ACK)); // lands at OVERFLOW_BUF + 64

        MeAppendResult r = ni.meAppend(recv(42, MeOption.USE_ONCE));
        assertFalse(r.linked());
        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.AUTO_UNLINK), kinds(r.effects()));
        Event ov = Fixtures.events(r.effects()).get(0);
        assertEquals(C, ov.initiator());
        assertEquals(42, ov.matchBits());
        assertEquals(100, ov.rlength());
        assertEquals(100, ov.mlength());
        assertEquals(OVERFLOW_BUF + 64, ov.start(), "points at the data in the overflow buffer");
        assertEquals(0xBEEF, ov.userPtr(), "overflow events belong to the new entry");
        assertEquals(0xDA7AL, ov.hdrData());
        assertTrue(ni.meStatus(r.handle()).isEmpty(), "consumed and unreferenced: forgotten");
        assertFalse(ni.meUnlink(r.handle()), "a consumed entry cannot be unlinked");
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount(), "the header with bits 7 stays");
        assertEquals(0, ni.portalTableEntry(0).priorityCount());
        // the entry is not linked: the next message with bits 42 is unexpected again
        assertEquals(ListKind.OVERFLOW, ni.deliver(put(0, 42, 8)).list());
    }

    @Test
    void aClaimBeforeTheLastPacketReportsTheMessageOnlyOnceItHasLanded() {
        overflowBuffer(1 << 14, 0);
        OperationHeader h = put(C, B, 0, 42, 0, 8192, AckRequest.NO_ACK);
        ni.deliver(h, true); // first of two packets: matched into the overflow list, data still coming
        MeAppendResult r = ni.meAppend(recv(42, MeOption.USE_ONCE));
        assertFalse(r.linked(), "the receive claims the message at once (MPI order)");
        assertEquals(List.of(EventKind.AUTO_UNLINK), kinds(r.effects()), "but no PUT_OVERFLOW before the data");
        List<Effect> landed = ni.landed(h);
        assertEquals(List.of(EventKind.PUT_OVERFLOW), kinds(landed));
        assertEquals(8192, Fixtures.events(landed).get(0).mlength());
        assertEquals(List.of(), ni.landed(h), "once");
        // a message that has landed before its claim is reported at the claim, as before
        OperationHeader early = put(C, B, 0, 43, 0, 8192, AckRequest.NO_ACK);
        ni.deliver(early, true);
        assertEquals(List.of(), ni.landed(early), "nobody claimed it yet");
        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.AUTO_UNLINK),
                kinds(ni.meAppend(recv(43, MeOption.USE_ONCE)).effects()));
    }

    @Test
    void useOnceAppendClaimsOnlyTheOldestMatchingHeader() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(A, B, 0, 42, 0, 10, AckRequest.NO_ACK));
        ni.deliver(put(A, B, 0, 42, 0, 20, AckRequest.NO_ACK));
        MeAppendResult r = ni.meAppend(recv(42, MeOption.USE_ONCE));
        assertEquals(10, Fixtures.events(r.effects()).get(0).rlength());
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount());
    }

    @Test
    void persistentAppendClaimsEveryMatchingHeaderInArrivalOrderThenLinks() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(A, B, 0, 42, 0, 10, AckRequest.NO_ACK));
        ni.deliver(put(A, B, 0, 99, 0, 20, AckRequest.NO_ACK));
        ni.deliver(put(A, B, 0, 42, 0, 30, AckRequest.NO_ACK));
        MeAppendResult r = ni.meAppend(recv(42));
        assertTrue(r.linked());
        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.PUT_OVERFLOW, EventKind.LINK), kinds(r.effects()));
        assertEquals(List.of(10L, 30L), Fixtures.events(r.effects()).stream().limit(2).map(Event::rlength).toList());
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount());
        TargetOutcome next = ni.deliver(put(0, 42, 8));
        assertEquals(r.handle(), next.matched());
        assertEquals(ListKind.PRIORITY, next.list());
    }

    @Test
    void overflowEventKindFollowsTheOperation() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(Fixtures.get(A, B, 0, 1, 0, 8));
        ni.deliver(Fixtures.atomic(OpKind.ATOMIC, A, B, 0, 2, 0, 8, AtomicOp.SUM, AtomicType.INT64, 0));
        ni.deliver(Fixtures.atomic(OpKind.FETCH_ATOMIC, A, B, 0, 3, 0, 8, AtomicOp.MAX, AtomicType.INT32, 0));
        ni.deliver(Fixtures.atomic(OpKind.SWAP, A, B, 0, 4, 0, 8, AtomicOp.CSWAP, AtomicType.INT64, 5));
        assertEquals(List.of(EventKind.GET_OVERFLOW, EventKind.AUTO_UNLINK),
                kinds(ni.meAppend(recv(1, MeOption.USE_ONCE)).effects()));
        assertEquals(List.of(EventKind.ATOMIC_OVERFLOW, EventKind.AUTO_UNLINK),
                kinds(ni.meAppend(recv(2, MeOption.USE_ONCE)).effects()));
        MeAppendResult fetch = ni.meAppend(recv(3, MeOption.USE_ONCE));
        assertEquals(List.of(EventKind.FETCH_ATOMIC_OVERFLOW, EventKind.AUTO_UNLINK), kinds(fetch.effects()));
        assertEquals(AtomicOp.MAX, Fixtures.events(fetch.effects()).get(0).atomicOp());
        assertEquals(List.of(EventKind.FETCH_ATOMIC_OVERFLOW, EventKind.AUTO_UNLINK),
                kinds(ni.meAppend(recv(4, MeOption.USE_ONCE)).effects()));
    }

    @Test
    void appendingToTheOverflowListDoesNotSearchUnexpectedHeaders() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(0, 42, 8));
        MeAppendResult r = ni.meAppend(recv(42).onList(ListKind.OVERFLOW));
        assertEquals(List.of(EventKind.LINK), kinds(r.effects()));
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount());
    }

    @Test
    void noTruncateAppendSkipsHeadersTooLargeForIt() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(0, 42, 100));
        MatchEntry small = MatchEntry.builder(0).match(42, 0).buffer(0x1000, 50)
                .options(MeOption.OP_PUT, MeOption.NO_TRUNCATE, MeOption.USE_ONCE).build();
        MeAppendResult r = ni.meAppend(small);
        assertTrue(r.linked());
        assertEquals(List.of(EventKind.LINK), kinds(r.effects()));
    }

    @Test
    void autoUnlinkedOverflowBufferIsFreedWhenItsLastHeaderIsClaimed() {
        MeHandle buf = overflowBuffer(100, 50);
        TargetOutcome first = ni.deliver(put(A, B, 0, 1, 0, 40, AckRequest.NO_ACK));
        assertEquals(List.of(EventKind.PUT), kinds(first));
        TargetOutcome second = ni.deliver(put(A, B, 0, 2, 0, 40, AckRequest.NO_ACK));
        assertEquals(OVERFLOW_BUF + 40, second.start());
        assertEquals(List.of(EventKind.PUT, EventKind.AUTO_UNLINK), kinds(second), "20 bytes left < min_free 50");
        assertEquals(MatchEntryStatus.State.AUTO_UNLINKED, ni.meStatus(buf).orElseThrow().state());

        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.AUTO_UNLINK),
                kinds(ni.meAppend(recv(1, MeOption.USE_ONCE)).effects()));
        MeAppendResult last = ni.meAppend(recv(2, MeOption.USE_ONCE));
        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.AUTO_FREE, EventKind.AUTO_UNLINK),
                kinds(last.effects()));
        assertEquals(0xF00, Fixtures.events(last.effects()).get(1).userPtr());
        assertTrue(ni.meStatus(buf).isEmpty(), "nothing refers to the buffer any more");
    }

    @Test
    void searchOnlyReportsTheFirstMatchAndLeavesTheList() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(A, B, 0, 42, 0, 10, AckRequest.NO_ACK));
        ni.deliver(put(A, B, 0, 42, 0, 20, AckRequest.NO_ACK));
        List<Effect> found = ni.meSearch(recv(42), SearchOp.SEARCH_ONLY);
        assertEquals(List.of(EventKind.SEARCH), kinds(found));
        Event e = Fixtures.events(found).get(0);
        assertEquals(NiFail.OK, e.niFail());
        assertEquals(10, e.rlength());
        assertEquals(2, ni.portalTableEntry(0).unexpectedCount());

        Event none = Fixtures.events(ni.meSearch(recv(43), SearchOp.SEARCH_ONLY)).get(0);
        assertEquals(EventKind.SEARCH, none.kind());
        assertEquals(NiFail.NO_MATCH, none.niFail());
        assertEquals(0xBEEF, none.userPtr());
    }

    @Test
    void searchDeleteRemovesMatchesWithOverflowEvents() {
        overflowBuffer(1 << 12, 0);
        ni.deliver(put(A, B, 0, 42, 0, 10, AckRequest.NO_ACK));
        ni.deliver(put(A, B, 0, 42, 0, 20, AckRequest.NO_ACK));
        assertEquals(List.of(EventKind.PUT_OVERFLOW),
                kinds(ni.meSearch(recv(42, MeOption.USE_ONCE), SearchOp.SEARCH_DELETE)));
        assertEquals(1, ni.portalTableEntry(0).unexpectedCount());
        assertEquals(List.of(EventKind.PUT_OVERFLOW), kinds(ni.meSearch(recv(42), SearchOp.SEARCH_DELETE)));
        assertEquals(0, ni.portalTableEntry(0).unexpectedCount());
        List<Effect> none = ni.meSearch(recv(42), SearchOp.SEARCH_DELETE);
        assertEquals(NiFail.NO_MATCH, Fixtures.events(none).get(0).niFail());
        assertEquals(0, ni.portalTableEntry(0).priorityCount(), "a search never links");
    }
}
