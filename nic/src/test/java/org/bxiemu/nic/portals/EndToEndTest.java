package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes connected by {@link MiniFabric}: the effects move the right bytes. */
class EndToEndTest {

    private final MiniFabric fabric = new MiniFabric();
    private final MiniFabric.Host a = fabric.host(A);
    private final MiniFabric.Host b = fabric.host(B);
    private EqHandle aEq;
    private MdHandle aMd;

    @BeforeEach
    void setUp() {
        aEq = a.ni.eqAlloc(64);
        aMd = a.ni.mdBind(MemoryDescriptor.of(0x100, 0x1000).withEq(aEq));
        b.ni.ptAlloc(0, b.ni.eqAlloc(64), Set.of(PtOption.FLOWCTRL));
    }

    private void appendAtB(long bits, long start, long length) {
        b.events.addAll(Fixtures.events(b.ni.meAppend(MatchEntry.builder(0).match(bits, 0).buffer(start, length)
                .options(MeOption.OP_PUT, MeOption.OP_GET).build()).effects()));
    }

    private List<EventKind> kindsAt(MiniFabric.Host h) {
        return h.events.stream().map(Event::kind).toList();
    }

    @Test
    void putCopiesTheBytesAndBothSidesSeeTheirEvents() {
        byte[] msg = "hello, portals".getBytes(StandardCharsets.US_ASCII);
        a.write(0x100 + 8, msg);
        appendAtB(1, 0x2000, 256);
        fabric.send(a.ni.put(aMd, 8, msg.length, AckRequest.ACK, B, 0, 1, 4, 0xA, 0x42));
        assertArrayEquals(msg, b.read(0x2000 + 4, msg.length));
        assertEquals(List.of(EventKind.LINK, EventKind.PUT), kindsAt(b));
        assertEquals(0x42, b.events.get(1).hdrData());
        assertEquals(List.of(EventKind.SEND, EventKind.ACK), kindsAt(a));
        assertEquals(0, a.ni.pendingOperations());
    }

    @Test
    void getBringsTheTargetBytesBack() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        b.write(0x3000, data);
        appendAtB(2, 0x3000, 8);
        fabric.send(a.ni.get(aMd, 0, 16, B, 0, 2, 2, 0xB));
        assertArrayEquals(new byte[] {3, 4, 5, 6, 7, 8}, a.read(0x100, 6), "truncated to 6 bytes after offset 2");
        Event reply = a.events.get(a.events.size() - 1);
        assertEquals(EventKind.REPLY, reply.kind());
        assertEquals(6, reply.mlength());
        assertEquals(2, reply.remoteOffset());
    }

    @Test
    void fetchAtomicReturnsTheOldValueAndUpdatesTheTarget() {
        b.write(0x4000, Atomics.operandBytes(40, AtomicType.INT64));
        a.write(0x100, Atomics.operandBytes(2, AtomicType.INT64));
        appendAtB(3, 0x4000, 8);
        fabric.send(a.ni.fetchAtomic(aMd, 0x80, aMd, 0, 8, B, 0, 3, 0, 0, 0, AtomicOp.SUM, AtomicType.INT64));
        assertArrayEquals(Atomics.operandBytes(42, AtomicType.INT64), b.read(0x4000, 8));
        assertArrayEquals(Atomics.operandBytes(40, AtomicType.INT64), a.read(0x180, 8));
        assertEquals(List.of(EventKind.LINK, EventKind.FETCH_ATOMIC), kindsAt(b));
    }

    @Test
    void compareAndSwapSucceedsOnlyOnTheExpectedValue() {
        b.write(0x4000, Atomics.operandBytes(7, AtomicType.UINT32));
        a.write(0x100, Atomics.operandBytes(100, AtomicType.UINT32));
        appendAtB(4, 0x4000, 4);
        fabric.send(a.ni.swap(aMd, 0x80, aMd, 0, 4, B, 0, 4, 0, 0, 0, 6, AtomicOp.CSWAP, AtomicType.UINT32));
        assertArrayEquals(Atomics.operandBytes(7, AtomicType.UINT32), b.read(0x4000, 4), "6 != 7: no swap");
        fabric.send(a.ni.swap(aMd, 0x80, aMd, 0, 4, B, 0, 4, 0, 0, 0, 7, AtomicOp.CSWAP, AtomicType.UINT32));
        assertArrayEquals(Atomics.operandBytes(100, AtomicType.UINT32), b.read(0x4000, 4));
        assertArrayEquals(Atomics.operandBytes(7, AtomicType.UINT32), a.read(0x180, 4), "old value returned");
    }

    @Test
    void atomicSumOfDoublesAccumulates() {
        appendAtB(5, 0x5000, 16);
        for (int i = 1; i <= 4; i++) {
            a.write(0x100, Atomics.operandBytes(Double.doubleToRawLongBits(i), AtomicType.DOUBLE));
            a.write(0x108, Atomics.operandBytes(Double.doubleToRawLongBits(-i), AtomicType.DOUBLE));
            fabric.send(a.ni.atomic(aMd, 0, 16, AckRequest.NO_ACK, B, 0, 5, 0, 0, 0, AtomicOp.SUM, AtomicType.DOUBLE));
        }
        assertEquals(10.0, Double.longBitsToDouble(Atomics.load(b.read(0x5000, 8), 0, 8)));
        assertEquals(-10.0, Double.longBitsToDouble(Atomics.load(b.read(0x5008, 8), 0, 8)));
    }

    @Test
    void flowControlFailureReachesTheInitiatorsAck() {
        fabric.send(a.ni.put(aMd, 0, 8, AckRequest.ACK, B, 0, 99, 0, 0, 0));
        assertEquals(List.of(EventKind.PT_DISABLED), kindsAt(b));
        Event ack = a.events.get(a.events.size() - 1);
        assertEquals(EventKind.ACK, ack.kind());
        assertEquals(NiFail.PT_DISABLED, ack.niFail());
    }

    @Test
    void offloadedChainRunsWithoutTheHost() {
        // B forwards to A whatever lands in its entry, by a triggered put on the entry's counter
        CtHandle ct = b.ni.ctAlloc();
        b.ni.meAppend(MatchEntry.builder(0).match(6, 0).buffer(0x6000, 8)
                .options(MeOption.OP_PUT, MeOption.EVENT_CT_COMM).counter(ct).build());
        MdHandle bMd = b.ni.mdBind(MemoryDescriptor.of(0x6000, 8));
        b.ni.triggeredPut(bMd, 0, 8, AckRequest.NO_ACK, A, 0, 6, 0, 0, 0, ct, 1);
        a.ni.ptAlloc(0, a.ni.eqAlloc(8), Set.of());
        a.ni.meAppend(MatchEntry.builder(0).match(6, 0).buffer(0x7000, 8).options(MeOption.OP_PUT).build());
        byte[] token = {9, 8, 7, 6, 5, 4, 3, 2};
        a.write(0x100, token);
        fabric.send(a.ni.put(aMd, 0, 8, AckRequest.NO_ACK, B, 0, 6, 0, 0, 0));
        assertArrayEquals(token, a.read(0x7000, 8), "the token came back through B's triggered put");
    }
}
