package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.sends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggeredTest {

    private final NetworkInterface ni = new NetworkInterface(A);
    private final CtHandle trigger = ni.ctAlloc();
    private final MdHandle md = ni.mdBind(MemoryDescriptor.of(0x1000, 4096));

    private List<Effect> triggeredPut(long userPtr, long threshold) {
        return ni.triggeredPut(md, 0, 64, AckRequest.NO_ACK, B, 0, 1, 0, userPtr, 0, trigger, threshold);
    }

    @Test
    void firesExactlyWhenTheThresholdIsReachedAndOnlyOnce() {
        assertTrue(triggeredPut(7, 3).isEmpty());
        assertTrue(sends(ni.ctInc(trigger, CtValue.ofSuccess(1))).isEmpty());
        assertTrue(sends(ni.ctInc(trigger, CtValue.ofSuccess(1))).isEmpty(), "not at threshold - 1");
        List<Effect> at = ni.ctInc(trigger, CtValue.ofSuccess(1));
        assertEquals(new Effect.CounterUpdate(trigger, CtValue.ofSuccess(3)), at.get(0));
        List<Outgoing> fired = sends(at);
        assertEquals(1, fired.size());
        assertEquals(OpKind.PUT, fired.get(0).header().kind());
        assertEquals(B, fired.get(0).header().target());
        assertTrue(sends(ni.ctInc(trigger, CtValue.ofSuccess(1))).isEmpty(), "fires once");
        assertEquals(0, ni.triggeredWaiting(trigger));
    }

    @Test
    void counterJumpingPastTheThresholdFires() {
        triggeredPut(7, 5);
        assertEquals(1, sends(ni.ctInc(trigger, CtValue.ofSuccess(100))).size());
    }

    @Test
    void failuresDoNotTrigger() {
        triggeredPut(7, 1);
        assertTrue(sends(ni.ctInc(trigger, CtValue.ofFailure(5))).isEmpty());
        assertEquals(1, sends(ni.ctInc(trigger, CtValue.ofSuccess(1))).size());
    }

    @Test
    void thresholdAlreadyReachedFiresAtSubmission() {
        ni.ctSet(trigger, CtValue.ofSuccess(4));
        List<Effect> now = triggeredPut(7, 4);
        assertEquals(1, sends(now).size());
        List<Effect> zero = ni.triggeredPut(md, 0, 8, AckRequest.NO_ACK, B, 0, 1, 0, 8, 0, ni.ctAlloc(), 0);
        assertEquals(1, sends(zero).size(), "threshold 0 on a fresh counter is already reached");
    }

    @Test
    void firingOrderIsVisibleInEventUserPointers() {
        EqHandle eq = ni.eqAlloc(16);
        MdHandle withEq = ni.mdBind(MemoryDescriptor.of(0x1000, 4096).withEq(eq));
        for (long[] spec : new long[][] {{1, 5}, {2, 3}, {3, 3}, {4, 9}}) {
            ni.triggeredPut(withEq, 0, 8, AckRequest.NO_ACK, B, 0, 1, 0, spec[0], 0, trigger, spec[1]);
        }
        List<Long> userPtrs = new ArrayList<>();
        for (Outgoing o : sends(ni.ctSet(trigger, CtValue.ofSuccess(5)))) {
            userPtrs.add(Fixtures.events(ni.onSendComplete(o.opId())).get(0).userPtr());
        }
        assertEquals(List.of(2L, 3L, 1L), userPtrs, "by threshold, then by submission");
        assertEquals(1, ni.triggeredWaiting(trigger), "threshold 9 still waits");
    }

    @Test
    void chainsOfTriggeredCounterIncrementsRunToTheEnd() {
        CtHandle b = ni.ctAlloc();
        CtHandle c = ni.ctAlloc();
        ni.triggeredCtInc(b, CtValue.ofSuccess(1), trigger, 1);
        ni.triggeredCtInc(c, CtValue.ofSuccess(2), b, 1);
        ni.triggeredPut(md, 0, 8, AckRequest.NO_ACK, B, 0, 1, 0, 9, 0, c, 2);
        List<Effect> effects = ni.ctInc(trigger, CtValue.ofSuccess(1));
        assertEquals(List.of(new Effect.CounterUpdate(trigger, CtValue.ofSuccess(1)),
                new Effect.CounterUpdate(b, CtValue.ofSuccess(1)),
                new Effect.CounterUpdate(c, CtValue.ofSuccess(2))), Fixtures.only(Effect.CounterUpdate.class, effects));
        assertInstanceOf(Effect.Send.class, effects.get(effects.size() - 1));
    }

    @Test
    void longChainDoesNotRecurse() {
        CtHandle prev = trigger;
        for (int i = 0; i < 5000; i++) {
            CtHandle next = ni.ctAlloc();
            ni.triggeredCtInc(next, CtValue.ofSuccess(1), prev, 1);
            prev = next;
        }
        ni.triggeredPut(md, 0, 8, AckRequest.NO_ACK, B, 0, 1, 0, 9, 0, prev, 1);
        assertEquals(1, sends(ni.ctInc(trigger, CtValue.ofSuccess(1))).size());
        assertEquals(CtValue.ofSuccess(1), ni.ctGet(prev));
    }

    @Test
    void triggeredCtSetCanLowerACounterAndStopFurtherFiring() {
        ni.triggeredCtSet(trigger, CtValue.ZERO, trigger, 2);
        triggeredPut(1, 2); // submitted after the CtSet: due at the same threshold, fires after it
        List<Effect> effects = ni.ctInc(trigger, CtValue.ofSuccess(2));
        assertTrue(sends(effects).isEmpty(), "the counter went back to 0 before the put's turn");
        assertEquals(CtValue.ZERO, ni.ctGet(trigger));
        assertEquals(1, sends(ni.ctInc(trigger, CtValue.ofSuccess(2))).size());
    }

    @Test
    void incomingOperationsDriveTriggeredOperations() {
        NetworkInterface target = Fixtures.target(Set.of());
        CtHandle ct = target.ctAlloc();
        MdHandle tmd = target.mdBind(MemoryDescriptor.of(0, 64));
        target.meAppend(MatchEntry.builder(0).match(1, 0).buffer(0x1000, 64)
                .options(MeOption.OP_PUT, MeOption.EVENT_CT_COMM).counter(ct).build());
        target.triggeredPut(tmd, 0, 8, AckRequest.NO_ACK, A, 0, 2, 0, 0, 0, ct, 2);
        assertTrue(target.deliver(Fixtures.put(0, 1, 8)).sends().isEmpty());
        TargetOutcome second = target.deliver(Fixtures.put(0, 1, 8));
        assertEquals(1, second.sends().size());
        List<Effect> e = second.effects();
        assertInstanceOf(Effect.Respond.class, e.get(e.size() - 2), "the ACK goes before triggered work");
        assertInstanceOf(Effect.Send.class, e.get(e.size() - 1));
    }

    @Test
    void triggeredAppendLinksWhenItFires() {
        NetworkInterface target = Fixtures.target(Set.of());
        CtHandle ct = target.ctAlloc();
        target.meAppend(MatchEntry.builder(0).list(ListKind.OVERFLOW).match(0, -1L).buffer(0x8000, 1024)
                .options(MeOption.OP_PUT, MeOption.MANAGE_LOCAL).build());
        target.deliver(Fixtures.put(0, 5, 8)); // unexpected
        MeAppendResult r = target.triggeredMeAppend(MatchEntry.builder(0).match(5, 0).buffer(0x1000, 64)
                .options(MeOption.OP_PUT).build(), ct, 1);
        assertFalse(r.linked());
        assertEquals(MatchEntryStatus.State.PENDING_TRIGGER, target.meStatus(r.handle()).orElseThrow().state());
        assertEquals(ListKind.OVERFLOW, target.deliver(Fixtures.put(0, 5, 8)).list(), "not linked yet");
        List<Effect> fired = target.ctInc(ct, CtValue.ofSuccess(1));
        assertEquals(List.of(EventKind.PUT_OVERFLOW, EventKind.PUT_OVERFLOW, EventKind.LINK), kinds(fired));
        assertEquals(MatchEntryStatus.State.LINKED, target.meStatus(r.handle()).orElseThrow().state());
        assertEquals(r.handle(), target.deliver(Fixtures.put(0, 5, 8)).matched());
    }

    @Test
    void unlinkingAPendingTriggeredAppendCancelsIt() {
        NetworkInterface target = Fixtures.target(Set.of());
        CtHandle ct = target.ctAlloc();
        MeAppendResult r = target.triggeredMeAppend(MatchEntry.builder(0).match(5, 0).options(MeOption.OP_PUT)
                .build(), ct, 1);
        assertTrue(target.meUnlink(r.handle()));
        assertTrue(kinds(target.ctInc(ct, CtValue.ofSuccess(1))).isEmpty());
        assertEquals(0, target.portalTableEntry(0).priorityCount());
    }

    @Test
    void cancelDestroysWaitingOperationsAndReleasesTheirDescriptors() {
        triggeredPut(1, 10);
        assertThrows(IllegalStateException.class, () -> ni.mdRelease(md));
        ni.ctCancelTriggered(trigger);
        assertTrue(sends(ni.ctInc(trigger, CtValue.ofSuccess(10))).isEmpty());
        ni.mdRelease(md);
    }

    @Test
    void triggeredOperationsAreValidatedAtSubmission() {
        assertThrows(IllegalArgumentException.class,
                () -> ni.triggeredPut(md, 4090, 64, AckRequest.NO_ACK, B, 0, 1, 0, 0, 0, trigger, 1));
        assertThrows(IllegalArgumentException.class, () -> triggeredPut(1, -1));
        assertEquals(0, ni.triggeredWaiting(trigger));
    }
}
