package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowControlTest {

    private static MatchEntry recv(long bits) {
        return MatchEntry.builder(0).match(bits, 0).buffer(0x1000, 64).options(MeOption.OP_PUT, MeOption.OP_GET)
                .build();
    }

    @Test
    void noMatchDisablesAFlowControlledEntryUntilEnabled() {
        NetworkInterface ni = Fixtures.target(Set.of(PtOption.FLOWCTRL));
        ni.meAppend(recv(1));
        TargetOutcome miss = ni.deliver(put(A, B, 0, 2, 0, 8, AckRequest.ACK));
        assertEquals(NiFail.PT_DISABLED, miss.niFail());
        assertEquals(List.of(EventKind.PT_DISABLED), kinds(miss));
        Event disabled = miss.events().get(0);
        assertEquals(NiFail.PT_DISABLED, disabled.niFail());
        assertEquals(A, disabled.initiator());
        assertEquals(2, disabled.matchBits());
        assertEquals(new AckInfo(NiFail.PT_DISABLED, 0, 0), miss.response().orElseThrow().info());
        assertFalse(ni.portalTableEntry(0).enabled());

        TargetOutcome wouldMatch = ni.deliver(put(0, 1, 8));
        assertEquals(NiFail.PT_DISABLED, wouldMatch.niFail(), "a disabled entry rejects everything");
        assertTrue(wouldMatch.events().isEmpty(), "PT_DISABLED is posted once");
        TargetOutcome get = ni.deliver(Fixtures.get(A, B, 0, 1, 0, 8));
        assertEquals(ResponseKind.REPLY, get.response().orElseThrow().kind());
        assertEquals(NiFail.PT_DISABLED, get.response().orElseThrow().info().niFail());

        ni.ptEnable(0);
        assertTrue(ni.deliver(put(0, 1, 8)).accepted());
    }

    @Test
    void withoutFlowControlUnmatchedMessagesAreDroppedSilently() {
        NetworkInterface ni = Fixtures.target(Set.of());
        TargetOutcome miss = ni.deliver(put(0, 2, 8));
        assertEquals(NiFail.DROPPED, miss.niFail());
        assertTrue(miss.events().isEmpty());
        assertTrue(ni.portalTableEntry(0).enabled());
    }

    @Test
    void apiDisableRejectsWithoutAnEvent() {
        NetworkInterface ni = Fixtures.target(Set.of());
        ni.meAppend(recv(1));
        ni.ptDisable(0);
        TargetOutcome o = ni.deliver(put(0, 1, 8));
        assertEquals(NiFail.PT_DISABLED, o.niFail());
        assertTrue(o.events().isEmpty());
        ni.ptEnable(0);
        assertTrue(ni.deliver(put(0, 1, 8)).accepted());
    }

    @Test
    void fullEventQueueDisablesAFlowControlledEntryUsingItsReservedSlot() {
        NetworkInterface ni = new NetworkInterface(B);
        EqHandle eq = ni.eqAlloc(2);
        ni.ptAlloc(0, eq, Set.of(PtOption.FLOWCTRL));
        ni.meAppend(recv(1).onList(ListKind.PRIORITY));
        // LINK took one slot; one put fills the queue
        assertTrue(ni.deliver(put(0, 1, 8)).accepted());
        assertEquals(new EqStatus(2, 1, 2, 0), ni.eqStatus(eq));
        TargetOutcome o = ni.deliver(put(0, 1, 8));
        assertEquals(NiFail.PT_DISABLED, o.niFail());
        assertEquals(List.of(EventKind.PT_DISABLED), kinds(o), "the reserved slot holds PT_DISABLED");
        assertEquals(3, ni.eqStatus(eq).pending());
        ni.eqConsumed(eq, 3);
        ni.ptEnable(0);
        assertTrue(ni.deliver(put(0, 1, 8)).accepted());
    }

    @Test
    void fullEventQueueWithoutFlowControlDropsEventsAndFlagsTheGap() {
        NetworkInterface ni = new NetworkInterface(B);
        EqHandle eq = ni.eqAlloc(2);
        ni.ptAlloc(0, eq, Set.of());
        ni.meAppend(recv(1).onList(ListKind.PRIORITY)); // LINK: 1 pending
        ni.deliver(put(0, 1, 8)); // PUT: 2 pending, full
        TargetOutcome third = ni.deliver(put(0, 1, 8));
        assertTrue(third.accepted(), "the operation itself succeeds");
        Effect.EventDropped dropped = Fixtures.only(Effect.EventDropped.class, third.effects()).get(0);
        assertEquals(EventKind.PUT, dropped.event().kind());
        assertEquals(1, ni.eqStatus(eq).dropped());

        ni.eqConsumed(eq, 2);
        TargetOutcome fourth = ni.deliver(put(0, 1, 8));
        Effect.PostEvent posted = Fixtures.only(Effect.PostEvent.class, fourth.effects()).get(0);
        assertTrue(posted.droppedBefore(), "the reader gets PTL_EQ_DROPPED with this event");
        assertEquals(2, posted.sequence(), "sequences count stored events only");
        Effect.PostEvent next = Fixtures.only(Effect.PostEvent.class, ni.deliver(put(0, 1, 8)).effects()).get(0);
        assertFalse(next.droppedBefore());
    }

    @Test
    void runningOutOfUnexpectedHeadersIsAResourceExhaustion() {
        NiLimits limits = new NiLimits(63, Long.MAX_VALUE, 512, 1, 16);
        for (boolean flowControl : new boolean[] {false, true}) {
            NetworkInterface ni = new NetworkInterface(B, limits);
            ni.ptAlloc(0, ni.eqAlloc(64), flowControl ? Set.of(PtOption.FLOWCTRL) : Set.of());
            ni.meAppend(recv(0).onList(ListKind.OVERFLOW));
            assertTrue(ni.deliver(put(0, 0, 8)).accepted());
            TargetOutcome second = ni.deliver(put(0, 0, 8));
            assertEquals(flowControl ? NiFail.PT_DISABLED : NiFail.DROPPED, second.niFail());
            assertEquals(flowControl, !ni.portalTableEntry(0).enabled());
        }
    }

    @Test
    void eventQueueSlotsAreFreedOnlyByConsumption() {
        NetworkInterface ni = new NetworkInterface(B);
        EqHandle eq = ni.eqAlloc(4);
        ni.ptAlloc(0, eq, Set.of());
        ni.meAppend(recv(1));
        assertInstanceOf(Effect.PostEvent.class, ni.deliver(put(0, 1, 8)).effects().get(1));
        assertEquals(2, ni.eqStatus(eq).pending());
        ni.eqConsumed(eq, 2);
        assertEquals(0, ni.eqStatus(eq).pending());
    }
}
