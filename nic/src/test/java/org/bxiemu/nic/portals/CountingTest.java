package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountingTest {

    private final NetworkInterface ni = Fixtures.target(Set.of());
    private final CtHandle ct = ni.ctAlloc();

    private void append(long bits, MeOption... options) {
        ni.meAppend(MatchEntry.builder(0).match(bits, 0).buffer(0x1000, 100).options(MeOption.OP_PUT, MeOption.OP_GET)
                .options(options).counter(ct).build());
    }

    @Test
    void communicationEventsCountOnePerOperation() {
        append(1, MeOption.EVENT_CT_COMM);
        TargetOutcome o = ni.deliver(put(0, 1, 30));
        assertEquals(List.of(new Effect.CounterUpdate(ct, CtValue.ofSuccess(1))), o.counterUpdates());
        ni.deliver(Fixtures.get(Fixtures.A, Fixtures.B, 0, 1, 0, 10));
        assertEquals(new CtValue(2, 0), ni.ctGet(ct));
    }

    @Test
    void bytesOptionCountsManipulatedBytes() {
        append(1, MeOption.EVENT_CT_COMM, MeOption.EVENT_CT_BYTES);
        ni.deliver(put(0, 1, 30));
        ni.deliver(put(0, 1, 150)); // truncated to 100
        assertEquals(CtValue.ofSuccess(130), ni.ctGet(ct));
    }

    @Test
    void withoutCtCommNothingIsCounted() {
        append(1);
        assertTrue(ni.deliver(put(0, 1, 30)).counterUpdates().isEmpty());
        assertEquals(CtValue.ZERO, ni.ctGet(ct));
    }

    @Test
    void overflowEventsCountOnTheClaimingEntry() {
        CtHandle bufCt = ni.ctAlloc();
        ni.meAppend(MatchEntry.builder(0).list(ListKind.OVERFLOW).match(0, -1L).buffer(0x8000, 1000)
                .options(MeOption.OP_PUT, MeOption.MANAGE_LOCAL, MeOption.EVENT_CT_COMM).counter(bufCt).build());
        ni.deliver(put(0, 1, 40));
        ni.deliver(put(0, 1, 60));
        assertEquals(CtValue.ofSuccess(2), ni.ctGet(bufCt));
        append(1, MeOption.EVENT_CT_OVERFLOW, MeOption.EVENT_CT_BYTES);
        assertEquals(CtValue.ofSuccess(100), ni.ctGet(ct));
    }

    @Test
    void hostIncrementsAndSetsCounters() {
        assertEquals(List.of(new Effect.CounterUpdate(ct, new CtValue(3, 1))), ni.ctInc(ct, new CtValue(3, 1)));
        ni.ctInc(ct, CtValue.ofFailure(2));
        assertEquals(new CtValue(3, 3), ni.ctGet(ct));
        ni.ctSet(ct, CtValue.ofSuccess(10));
        assertEquals(CtValue.ofSuccess(10), ni.ctGet(ct));
    }
}
