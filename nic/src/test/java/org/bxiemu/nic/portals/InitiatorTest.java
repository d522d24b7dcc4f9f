package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitiatorTest {

    private final NetworkInterface ni = new NetworkInterface(A);
    private final EqHandle eq = ni.eqAlloc(64);
    private final CtHandle ct = ni.ctAlloc();

    private MdHandle md(MdOption... options) {
        return ni.mdBind(MemoryDescriptor.of(0x1000, 4096).withEq(eq).withCt(ct).withOptions(options));
    }

    @Test
    void putBuildsTheRequestFromTheDescriptor() {
        MdHandle md = md();
        Outgoing o = ni.put(md, 100, 64, AckRequest.ACK, B, 3, 0xABCL, 16, 0x77, 0x99);
        OperationHeader h = o.header();
        assertEquals(new OperationHeader(o.opId(), OpKind.PUT, A, B, 3, 0xABCL, 16, 64, 0x99, AckRequest.ACK, null,
                null, 0), h);
        assertEquals(0x1000 + 100, o.sourceAddress());
        assertEquals(64, o.sourceLength());
        assertEquals(1, ni.pendingOperations());
    }

    @Test
    void putWithAckPostsSendThenAck() {
        MdHandle md = md();
        Outgoing o = ni.put(md, 0, 64, AckRequest.ACK, B, 0, 1, 8, 0x77, 0);
        List<Effect> send = ni.onSendComplete(o.opId());
        assertEquals(List.of(EventKind.SEND), kinds(send));
        assertEquals(0x77, Fixtures.events(send).get(0).userPtr());
        assertEquals(1, ni.pendingOperations(), "still waiting for the ack");
        List<Effect> ack = ni.onAck(o.opId(), new AckInfo(NiFail.OK, 48, 8));
        Event e = Fixtures.events(ack).get(0);
        assertEquals(EventKind.ACK, e.kind());
        assertEquals(48, e.mlength());
        assertEquals(64, e.rlength());
        assertEquals(8, e.remoteOffset());
        assertEquals(NiFail.OK, e.niFail());
        assertEquals(0, ni.pendingOperations());
        assertEquals(CtValue.ZERO, ni.ctGet(ct), "no CT_* option: nothing counted");
    }

    @Test
    void putWithoutAckCompletesAtSend() {
        Outgoing o = ni.put(md(), 0, 8, AckRequest.NO_ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        assertEquals(0, ni.pendingOperations());
        assertThrows(IllegalArgumentException.class, () -> ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0)));
    }

    @Test
    void ackMayArriveBeforeSendCompletion() {
        Outgoing o = ni.put(md(), 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        assertEquals(List.of(EventKind.ACK), kinds(ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0))));
        assertEquals(1, ni.pendingOperations());
        assertEquals(List.of(EventKind.SEND), kinds(ni.onSendComplete(o.opId())));
        assertEquals(0, ni.pendingOperations());
    }

    @Test
    void countingAckCountsWithoutAFullEvent() {
        MdHandle md = md(MdOption.EVENT_CT_ACK);
        Outgoing o = ni.put(md, 0, 64, AckRequest.CT_ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        List<Effect> ack = ni.onAck(o.opId(), new AckInfo(NiFail.OK, 40, 0));
        assertTrue(Fixtures.events(ack).isEmpty());
        assertEquals(CtValue.ofSuccess(1), ni.ctGet(ct));
    }

    @Test
    void bytesCountingUsesLengthForSendAndMlengthForAck() {
        MdHandle md = md(MdOption.EVENT_CT_SEND, MdOption.EVENT_CT_ACK, MdOption.EVENT_CT_BYTES);
        Outgoing o = ni.put(md, 0, 64, AckRequest.CT_ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        assertEquals(CtValue.ofSuccess(64), ni.ctGet(ct));
        ni.onAck(o.opId(), new AckInfo(NiFail.OK, 40, 0));
        assertEquals(CtValue.ofSuccess(104), ni.ctGet(ct));
    }

    @Test
    void failedAckIsReportedAndCountedAsAFailure() {
        MdHandle md = md(MdOption.EVENT_CT_ACK, MdOption.EVENT_CT_BYTES);
        Outgoing o = ni.put(md, 0, 64, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        List<Effect> ack = ni.onAck(o.opId(), AckInfo.failure(NiFail.DROPPED));
        assertEquals(NiFail.DROPPED, Fixtures.events(ack).get(0).niFail());
        assertEquals(CtValue.ofFailure(1), ni.ctGet(ct));
    }

    @Test
    void operationCompletedAckCountsOneSuccessWhateverHappened() {
        MdHandle md = md(MdOption.EVENT_CT_ACK, MdOption.EVENT_CT_BYTES);
        Outgoing a = ni.put(md, 0, 64, AckRequest.OC_ACK, B, 0, 1, 0, 0, 0);
        Outgoing b = ni.put(md, 0, 64, AckRequest.OC_ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(a.opId());
        ni.onSendComplete(b.opId());
        assertTrue(Fixtures.events(ni.onAck(a.opId(), new AckInfo(NiFail.OK, 64, 0))).isEmpty());
        ni.onAck(b.opId(), AckInfo.failure(NiFail.DROPPED));
        assertEquals(CtValue.ofSuccess(2), ni.ctGet(ct));
    }

    @Test
    void getReplyDepositsIntoTheDescriptorThenPostsReply() {
        MdHandle md = md(MdOption.EVENT_CT_REPLY, MdOption.EVENT_CT_BYTES);
        Outgoing o = ni.get(md, 32, 100, B, 0, 1, 0, 0x55);
        assertEquals(0, o.sourceLength(), "a get sends no payload");
        assertTrue(ni.onSendComplete(o.opId()).isEmpty(), "a get has no SEND event");
        List<Effect> reply = ni.onReply(o.opId(), new AckInfo(NiFail.OK, 60, 4));
        assertEquals(new Effect.Deposit(0x1000 + 32, 60, false), reply.get(0));
        Event e = Fixtures.events(reply).get(0);
        assertEquals(EventKind.REPLY, e.kind());
        assertEquals(60, e.mlength());
        assertEquals(0x55, e.userPtr());
        assertEquals(CtValue.ofSuccess(60), ni.ctGet(ct));
        assertEquals(0, ni.pendingOperations());
    }

    @Test
    void fetchAtomicReportsSendOnPutMdAndReplyOnGetMd() {
        EqHandle eq2 = ni.eqAlloc(8);
        MdHandle getMd = ni.mdBind(MemoryDescriptor.of(0x2000, 64).withEq(eq2));
        MdHandle putMd = md();
        Outgoing o = ni.fetchAtomic(getMd, 8, putMd, 16, 8, B, 0, 1, 0, 0, 0, AtomicOp.SUM, AtomicType.INT64);
        assertEquals(0x1000 + 16, o.sourceAddress());
        Effect.PostEvent send = Fixtures.only(Effect.PostEvent.class, ni.onSendComplete(o.opId())).get(0);
        assertEquals(eq, send.eq());
        List<Effect> reply = ni.onReply(o.opId(), new AckInfo(NiFail.OK, 8, 0));
        assertEquals(new Effect.Deposit(0x2008, 8, false), reply.get(0));
        assertEquals(eq2, Fixtures.only(Effect.PostEvent.class, reply).get(0).eq());
    }

    @Test
    void successDisableHidesSuccessesButNotFailures() {
        MdHandle md = md(MdOption.EVENT_SUCCESS_DISABLE);
        Outgoing ok = ni.put(md, 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        assertTrue(ni.onSendComplete(ok.opId()).isEmpty());
        assertTrue(ni.onAck(ok.opId(), new AckInfo(NiFail.OK, 8, 0)).isEmpty());
        Outgoing bad = ni.put(md, 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(bad.opId());
        assertEquals(List.of(EventKind.ACK), kinds(ni.onAck(bad.opId(), AckInfo.failure(NiFail.PT_DISABLED))));
    }

    @Test
    void sendDisableHidesOnlySend() {
        MdHandle md = md(MdOption.EVENT_SEND_DISABLE);
        Outgoing o = ni.put(md, 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        assertTrue(ni.onSendComplete(o.opId()).isEmpty());
        assertEquals(List.of(EventKind.ACK), kinds(ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0))));
    }

    @Test
    void undeliverableGetEndsWithAFailedReply() {
        MdHandle md = md(MdOption.EVENT_CT_REPLY);
        Outgoing o = ni.get(md, 0, 8, B, 0, 1, 0, 0);
        List<Effect> effects = ni.onSendComplete(o.opId(), NiFail.UNDELIVERABLE);
        assertEquals(List.of(EventKind.REPLY), kinds(effects));
        assertEquals(NiFail.UNDELIVERABLE, Fixtures.events(effects).get(0).niFail());
        assertTrue(Fixtures.only(Effect.Deposit.class, effects).isEmpty());
        assertEquals(CtValue.ofFailure(1), ni.ctGet(ct));
        assertEquals(0, ni.pendingOperations());
    }

    @Test
    void descriptorIsInUseUntilItsOperationsComplete() {
        MdHandle md = md();
        Outgoing o = ni.put(md, 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        assertThrows(IllegalStateException.class, () -> ni.mdRelease(md));
        ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0));
        ni.mdRelease(md);
        assertThrows(IllegalArgumentException.class, () -> ni.md(md));
    }

    @Test
    void duplicateCompletionsAreRejected() {
        Outgoing o = ni.put(md(), 0, 8, AckRequest.ACK, B, 0, 1, 0, 0, 0);
        ni.onSendComplete(o.opId());
        assertThrows(IllegalArgumentException.class, () -> ni.onSendComplete(o.opId()));
        ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> ni.onAck(o.opId(), new AckInfo(NiFail.OK, 8, 0)));
    }
}
