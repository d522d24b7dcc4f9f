package org.bxiemu.nic;

import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.AtomicOp;
import org.bxiemu.nic.portals.AtomicType;
import org.bxiemu.nic.portals.OpKind;
import org.bxiemu.nic.portals.OperationHeader;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.protocol.nic.PortalsHeader;

/** Converts Portals headers between the library's record and the wire message. */
final class Headers {
    private static final OpKind[] KINDS = OpKind.values();
    private static final AckRequest[] ACKS = AckRequest.values();
    private static final AtomicOp[] OPS = AtomicOp.values();
    private static final AtomicType[] TYPES = AtomicType.values();

    private Headers() {}

    static PortalsHeader toWire(OperationHeader h) {
        return PortalsHeader.newBuilder()
                .setOpId(h.opId()).setKind(h.kind().ordinal())
                .setInitiatorNode(h.initiator().node()).setInitiatorPid(h.initiator().pid())
                .setTargetNode(h.target().node()).setTargetPid(h.target().pid())
                .setPtIndex(h.ptIndex()).setMatchBits(h.matchBits()).setRemoteOffset(h.remoteOffset())
                .setLength(h.length()).setHeaderData(h.hdrData()).setAckRequest(h.ackRequest().ordinal())
                .setAtomicOp(h.atomicOp() == null ? 0 : h.atomicOp().ordinal() + 1)
                .setAtomicType(h.atomicType() == null ? 0 : h.atomicType().ordinal() + 1)
                .setOperand(h.operand())
                .build();
    }

    static OperationHeader fromWire(PortalsHeader w) {
        return new OperationHeader(w.getOpId(), KINDS[w.getKind()],
                new ProcessId(w.getInitiatorNode(), w.getInitiatorPid()), new ProcessId(w.getTargetNode(), w.getTargetPid()),
                w.getPtIndex(), w.getMatchBits(), w.getRemoteOffset(), w.getLength(), w.getHeaderData(),
                ACKS[w.getAckRequest()],
                w.getAtomicOp() == 0 ? null : OPS[w.getAtomicOp() - 1],
                w.getAtomicType() == 0 ? null : TYPES[w.getAtomicType() - 1],
                w.getOperand());
    }
}
