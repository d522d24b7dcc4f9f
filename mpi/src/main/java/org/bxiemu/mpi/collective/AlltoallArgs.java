package org.bxiemu.mpi.collective;

/** Checked alltoall buffers: p blocks of {@code block} elements each way. */
record AlltoallArgs(Buffer send, Buffer recv, int block) {
    static AlltoallArgs of(CollectiveArgs args, int size) {
        Buffer send = AbstractAlgorithm.need(args.send(), "send");
        Buffer recv = AbstractAlgorithm.need(args.recv(), "receive");
        AbstractAlgorithm.sameShape(send, recv, "alltoall");
        if (send.count() % size != 0) {
            throw new IllegalArgumentException("alltoall buffers of " + send.count()
                    + " elements do not hold " + size + " equal blocks");
        }
        return new AlltoallArgs(send, recv, send.count() / size);
    }

    Slice sendBlock(int i) {
        return send.slice(i * block, block);
    }

    Slice recvBlock(int i) {
        return recv.slice(i * block, block);
    }
}
