package org.bxiemu.nic.portals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** A busy scenario mixing every feature; returns everything the library said. */
    private static List<Object> transcript() {
        List<Object> log = new ArrayList<>();
        NetworkInterface ni = new NetworkInterface(Fixtures.B);
        EqHandle eq = ni.eqAlloc(8);
        ni.ptAlloc(0, eq, Set.of());
        ni.ptAlloc(1, eq, Set.of(PtOption.FLOWCTRL));
        CtHandle ct = ni.ctAlloc();
        CtHandle ct2 = ni.ctAlloc();
        MdHandle md = ni.mdBind(MemoryDescriptor.of(0, 1 << 12).withEq(eq).withCt(ct2)
                .withOptions(MdOption.EVENT_CT_SEND));
        log.add(ni.meAppend(MatchEntry.builder(0).list(ListKind.OVERFLOW).match(0, -1L).buffer(0x8000, 512)
                .options(MeOption.OP_PUT, MeOption.OP_GET, MeOption.MANAGE_LOCAL).minFree(64).build()));
        for (int i = 0; i < 40; i++) {
            long bits = i % 5;
            ProcessId from = new ProcessId(i % 3, 1);
            log.add(ni.deliver(new OperationHeader(i, OpKind.PUT, from, Fixtures.B, i % 2, bits, i, 8 * (i % 7),
                    i, AckRequest.values()[i % 4], null, null, 0)));
            if (i % 4 == 0) {
                log.add(ni.meAppend(MatchEntry.builder(0).match(bits, 0).buffer(0x1000 + i, 64)
                        .options(MeOption.OP_PUT, MeOption.EVENT_CT_COMM, i % 8 == 0 ? MeOption.USE_ONCE
                                : MeOption.MANAGE_LOCAL).counter(ct).build()));
                log.add(ni.triggeredPut(md, 0, 8, AckRequest.NO_ACK, Fixtures.A, 0, bits, 0, i, 0, ct, i / 4));
            }
            if (i % 6 == 0) {
                ni.eqConsumed(eq, ni.eqStatus(eq).pending());
                ni.ptEnable(1);
                log.add(ni.meSearch(MatchEntry.builder(0).match(bits, 0).build(), SearchOp.SEARCH_DELETE));
            }
            if (i % 9 == 0) {
                Outgoing o = ni.put(md, 0, 8, AckRequest.ACK, Fixtures.A, 0, bits, 0, i, 0);
                log.add(o);
                log.add(ni.onSendComplete(o.opId()));
            }
        }
        log.add(ni.ctGet(ct));
        log.add(ni.eqStatus(eq));
        return log;
    }

    @Test
    void sameCallsGiveIdenticalResults() {
        List<Object> first = transcript();
        List<Object> second = transcript();
        assertFalse(first.isEmpty());
        assertEquals(first, second);
        assertEquals(first.toString(), second.toString());
    }
}
