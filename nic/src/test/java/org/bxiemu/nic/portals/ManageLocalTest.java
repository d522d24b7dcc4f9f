package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManageLocalTest {

    private final NetworkInterface ni = Fixtures.target(Set.of());

    private MeHandle local(long length, long minFree, MeOption... extra) {
        return ni.meAppend(MatchEntry.builder(0).match(1, 0).buffer(0x4000, length)
                .options(MeOption.OP_PUT, MeOption.OP_GET, MeOption.MANAGE_LOCAL).options(extra).minFree(minFree)
                .build()).handle();
    }

    @Test
    void localOffsetAdvancesByMlengthAndRemoteOffsetsAreIgnored() {
        MeHandle me = local(100, 0);
        TargetOutcome o1 = ni.deliver(put(A, B, 0, 1, 77, 30, AckRequest.ACK));
        TargetOutcome o2 = ni.deliver(put(A, B, 0, 1, 5, 30, AckRequest.ACK));
        assertEquals(new Effect.Deposit(0x4000, 30, false), o1.effects().get(0));
        assertEquals(new Effect.Deposit(0x4000 + 30, 30, false), o2.effects().get(0));
        assertEquals(30, o2.response().orElseThrow().info().remoteOffset(), "the ACK reports the offset used");
        assertEquals(77, o1.events().get(0).remoteOffset(), "the target event reports the offset requested");
        assertEquals(60, ni.meStatus(me).orElseThrow().localOffset());
    }

    @Test
    void getsShareTheSameLocalOffset() {
        MeHandle me = local(100, 0);
        ni.deliver(put(0, 1, 30));
        TargetOutcome g = ni.deliver(Fixtures.get(A, B, 0, 1, 0, 20));
        assertEquals(new Effect.Fetch(0x4000 + 30, 20), g.effects().get(0));
        assertEquals(50, ni.meStatus(me).orElseThrow().localOffset());
    }

    @Test
    void lastMessageIsTruncatedToTheRemainingSpace() {
        local(100, 0);
        ni.deliver(put(0, 1, 70));
        TargetOutcome o = ni.deliver(put(0, 1, 50));
        assertEquals(30, o.mlength());
        TargetOutcome full = ni.deliver(put(0, 1, 50));
        assertTrue(full.accepted(), "a persistent full entry still matches, with mlength 0");
        assertEquals(0, full.mlength());
    }

    @Test
    void entryUnlinksWhenFreeSpaceFallsBelowMinFree() {
        MeHandle me = local(100, 25);
        assertEquals(List.of(EventKind.PUT), kinds(ni.deliver(put(0, 1, 30)))); // 70 left
        assertEquals(List.of(EventKind.PUT), kinds(ni.deliver(put(0, 1, 45)))); // 25 left: not below
        TargetOutcome third = ni.deliver(put(0, 1, 1)); // 24 left
        assertEquals(List.of(EventKind.PUT, EventKind.AUTO_UNLINK), kinds(third));
        assertTrue(ni.meStatus(me).isEmpty());
        assertFalse(ni.deliver(put(0, 1, 1)).accepted());
    }

    @Test
    void minFreeZeroNeverUnlinks() {
        local(10, 0);
        ni.deliver(put(0, 1, 10));
        assertTrue(ni.deliver(put(0, 1, 10)).accepted());
        assertEquals(1, ni.portalTableEntry(0).priorityCount());
    }

    @Test
    void unlinkDisableStillUnlinksSilently() {
        MeHandle me = local(10, 5, MeOption.EVENT_UNLINK_DISABLE);
        TargetOutcome o = ni.deliver(put(0, 1, 8));
        assertEquals(List.of(EventKind.PUT), kinds(o));
        assertTrue(ni.meStatus(me).isEmpty());
        assertEquals(0, ni.portalTableEntry(0).priorityCount());
    }

    @Test
    void useOnceUnlinksAfterOneMatchWithAutoUnlinkAfterThePutEvent() {
        MeHandle me = ni.meAppend(MatchEntry.builder(0).match(1, 0).buffer(0x4000, 64)
                .options(MeOption.OP_PUT, MeOption.USE_ONCE).userPtr(77).build()).handle();
        TargetOutcome o = ni.deliver(put(0, 1, 8));
        assertEquals(List.of(EventKind.PUT, EventKind.AUTO_UNLINK), kinds(o));
        assertEquals(77, o.events().get(1).userPtr());
        assertFalse(ni.meUnlink(me));
        assertFalse(ni.deliver(put(0, 1, 8)).accepted());
    }
}
