package org.bxiemu.nic.portals;

/**
 * An initiated operation awaiting its send completion and, if it expects one, its ACK or REPLY.
 * The NIC reports both; they may come in either order.
 */
final class PendingOperation {

    final long opId;
    final DataCommand command;
    final boolean expectsResponse;
    boolean sendDone;
    boolean responseDone;

    PendingOperation(long opId, DataCommand command) {
        this.opId = opId;
        this.command = command;
        this.expectsResponse = command.kind().repliesWithData() || command.ackRequest() != AckRequest.NO_ACK;
    }

    boolean complete() {
        return sendDone && (!expectsResponse || responseDone);
    }
}
