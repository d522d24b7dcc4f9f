package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.C;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchingTest {

    private final NetworkInterface ni = Fixtures.target(Set.of());

    private MeHandle append(MatchEntry.Builder b) {
        return ni.meAppend(b.build()).handle();
    }

    private static MatchEntry.Builder me(long bits, long ignore) {
        return MatchEntry.builder(0).match(bits, ignore).buffer(0x1000, 256).options(MeOption.OP_PUT, MeOption.OP_GET);
    }

    @ParameterizedTest(name = "incoming {0} vs 0xAB00/ignore 0x00FF -> {1}")
    @CsvSource({"0xAB00, true", "0xAB12, true", "0xABFF, true", "0xAC12, false", "0x1AB12, false", "0x0B12, false"})
    void matchBitsUnderIgnoreMask(String incoming, boolean matches) {
        append(me(0xAB00, 0x00FF));
        TargetOutcome o = ni.deliver(put(0, Long.decode(incoming), 8));
        assertEquals(matches, o.accepted());
        assertEquals(matches ? NiFail.OK : NiFail.DROPPED, o.niFail());
    }

    @Test
    void ignoreAllBitsMatchesEverything() {
        append(me(0, -1L));
        assertTrue(ni.deliver(put(0, 0xFFFF_FFFF_FFFF_FFFFL, 8)).accepted());
        assertTrue(ni.deliver(put(0, 0x1234, 8)).accepted());
    }

    @Test
    void exactSourceMatchesOnlyThatProcess() {
        append(me(7, 0).source(A));
        assertFalse(ni.deliver(put(C, B, 0, 7, 0, 8, AckRequest.ACK)).accepted());
        assertFalse(ni.deliver(put(new ProcessId(0, 2), B, 0, 7, 0, 8, AckRequest.ACK)).accepted());
        assertTrue(ni.deliver(put(A, B, 0, 7, 0, 8, AckRequest.ACK)).accepted());
    }

    @Test
    void wildcardNodeOrPidMatchesTheOtherFieldExactly() {
        MeHandle anyPid = append(me(1, 0).source(new ProcessId(2, ProcessId.ANY_PID)));
        MeHandle anyNode = append(me(2, 0).source(new ProcessId(ProcessId.ANY_NODE, 1)));
        assertEquals(anyPid, ni.deliver(put(new ProcessId(2, 99), B, 0, 1, 0, 8, AckRequest.ACK)).matched());
        assertFalse(ni.deliver(put(new ProcessId(3, 99), B, 0, 1, 0, 8, AckRequest.ACK)).accepted());
        assertEquals(anyNode, ni.deliver(put(new ProcessId(5, 1), B, 0, 2, 0, 8, AckRequest.ACK)).matched());
        assertFalse(ni.deliver(put(new ProcessId(5, 2), B, 0, 2, 0, 8, AckRequest.ACK)).accepted());
        assertTrue(ProcessId.ANY.matches(C));
    }

    @Test
    void priorityListIsSearchedBeforeOverflowList() {
        MeHandle overflow = append(me(5, 0).list(ListKind.OVERFLOW));
        MeHandle priority = append(me(5, 0));
        TargetOutcome o = ni.deliver(put(0, 5, 8));
        assertEquals(priority, o.matched());
        assertEquals(ListKind.PRIORITY, o.list());
        assertEquals(0, ni.portalTableEntry(0).unexpectedCount());
        ni.meUnlink(priority);
        TargetOutcome o2 = ni.deliver(put(0, 5, 8));
        assertEquals(overflow, o2.matched());
        assertEquals(ListKind.OVERFLOW, o2.list());
    }

    @Test
    void firstAppendedMatchingEntryWins() {
        MeHandle first = append(me(9, 0).options(MeOption.USE_ONCE).userPtr(1));
        MeHandle second = append(me(9, 0).options(MeOption.USE_ONCE).userPtr(2));
        append(me(8, 0)); // does not match: must not disturb the order
        TargetOutcome o1 = ni.deliver(put(0, 9, 8));
        TargetOutcome o2 = ni.deliver(put(0, 9, 8));
        assertEquals(first, o1.matched());
        assertEquals(1, o1.events().get(0).userPtr());
        assertEquals(second, o2.matched());
        assertEquals(2, o2.events().get(0).userPtr());
        assertFalse(ni.deliver(put(0, 9, 8)).accepted());
    }

    @Test
    void truncationKeepsWhatFitsAfterTheRemoteOffset() {
        append(MatchEntry.builder(0).match(1, 0).buffer(0x1000, 100).options(MeOption.OP_PUT));
        TargetOutcome o = ni.deliver(put(A, B, 0, 1, 20, 150, AckRequest.ACK));
        assertEquals(80, o.mlength());
        assertEquals(20, o.offset());
        assertEquals(0x1000 + 20, o.start());
        assertEquals(List.of(new Effect.Deposit(0x1000 + 20, 80, false)), Fixtures.only(Effect.Deposit.class,
                o.effects()));
        Event put = o.events().get(0);
        assertEquals(150, put.rlength());
        assertEquals(80, put.mlength());
        assertEquals(new AckInfo(NiFail.OK, 80, 20), o.response().orElseThrow().info());
    }

    @Test
    void offsetBeyondTheEntryTruncatesToZero() {
        append(MatchEntry.builder(0).match(1, 0).buffer(0x1000, 100).options(MeOption.OP_PUT));
        TargetOutcome o = ni.deliver(put(A, B, 0, 1, 200, 10, AckRequest.ACK));
        assertTrue(o.accepted());
        assertEquals(0, o.mlength());
        assertTrue(Fixtures.only(Effect.Deposit.class, o.effects()).isEmpty());
        assertEquals(List.of(EventKind.PUT), kinds(o));
    }

    @Test
    void noTruncateEntryThatCannotHoldTheMessageDoesNotMatchAndSearchContinues() {
        MeHandle small = append(MatchEntry.builder(0).match(1, 0).buffer(0x1000, 64)
                .options(MeOption.OP_PUT, MeOption.NO_TRUNCATE));
        MeHandle large = append(MatchEntry.builder(0).match(1, 0).buffer(0x2000, 1024).options(MeOption.OP_PUT));
        assertEquals(large, ni.deliver(put(0, 1, 100)).matched());
        assertEquals(small, ni.deliver(put(0, 1, 64)).matched());
        // 64 bytes fit at offset 0 but not at remote offset 1
        assertEquals(large, ni.deliver(put(A, B, 0, 1, 1, 64, AckRequest.ACK)).matched());
    }

    @Test
    void matchWithoutPermissionIsAViolationAndDoesNotSearchFurther() {
        MeHandle putOnly = append(MatchEntry.builder(0).match(3, 0).buffer(0x1000, 64).options(MeOption.OP_PUT)
                .options(MeOption.USE_ONCE));
        append(me(3, 0)); // would permit the get, but is never reached
        TargetOutcome o = ni.deliver(Fixtures.get(A, B, 0, 3, 0, 8));
        assertEquals(NiFail.OP_VIOLATION, o.niFail());
        assertNull(o.matched());
        assertTrue(o.events().isEmpty());
        Response r = o.response().orElseThrow();
        assertEquals(ResponseKind.REPLY, r.kind());
        assertEquals(NiFail.OP_VIOLATION, r.info().niFail());
        assertEquals(1, ni.permissionViolationCount());
        // the USE_ONCE entry was left untouched
        assertEquals(MatchEntryStatus.State.LINKED, ni.meStatus(putOnly).orElseThrow().state());
    }

    @Test
    void fetchAtomicAndSwapNeedBothPutAndGet() {
        append(MatchEntry.builder(0).match(4, 0).buffer(0x1000, 64).options(MeOption.OP_PUT));
        TargetOutcome fetch = ni.deliver(Fixtures.atomic(OpKind.FETCH_ATOMIC, A, B, 0, 4, 0, 8, AtomicOp.SUM,
                AtomicType.INT64, 0));
        assertEquals(NiFail.OP_VIOLATION, fetch.niFail());
        TargetOutcome atomic = ni.deliver(Fixtures.atomic(OpKind.ATOMIC, A, B, 0, 4, 0, 8, AtomicOp.SUM,
                AtomicType.INT64, 0));
        assertTrue(atomic.accepted());
        append(MatchEntry.builder(0).match(5, 0).buffer(0x2000, 64).options(MeOption.OP_GET, MeOption.OP_PUT));
        assertTrue(ni.deliver(Fixtures.atomic(OpKind.SWAP, A, B, 0, 5, 0, 8, AtomicOp.SWAP, AtomicType.INT64, 0))
                .accepted());
    }

    @Test
    void unknownPortalIndexAndNoMatchAreDropped() {
        TargetOutcome unknownPt = ni.deliver(put(A, B, 9, 1, 0, 8, AckRequest.ACK));
        assertEquals(NiFail.DROPPED, unknownPt.niFail());
        assertEquals(NiFail.DROPPED, unknownPt.response().orElseThrow().info().niFail());
        TargetOutcome noAck = ni.deliver(put(A, B, 0, 1, 0, 8, AckRequest.NO_ACK));
        assertEquals(NiFail.DROPPED, noAck.niFail());
        assertTrue(noAck.response().isEmpty(), "a dropped put without ack request gets no answer");
        assertTrue(noAck.effects().isEmpty());
        assertTrue(ni.portalTableEntry(0).enabled(), "without flow control the entry stays enabled");
        assertEquals(2, ni.droppedCount());
    }
}
