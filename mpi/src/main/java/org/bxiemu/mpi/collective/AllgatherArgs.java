package org.bxiemu.mpi.collective;

/** Checked allgather buffers: one block of {@code block} elements in, p blocks out. */
record AllgatherArgs(Buffer send, Buffer recv, int block) {
    static AllgatherArgs of(CollectiveArgs args, int size) {
        Buffer send = AbstractAlgorithm.need(args.send(), "send");
        Buffer recv = AbstractAlgorithm.need(args.recv(), "receive");
        AbstractAlgorithm.sameType(send, recv, "allgather");
        AbstractAlgorithm.hasCount(recv, (long) size * send.count(), "allgather receive");
        return new AllgatherArgs(send, recv, send.count());
    }

    Slice block(int i) {
        return recv.slice(i * block, block);
    }

    Slice blocks(int from, int count) {
        return recv.slice(from * block, count * block);
    }
}
