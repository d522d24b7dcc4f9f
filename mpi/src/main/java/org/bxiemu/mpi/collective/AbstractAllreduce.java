package org.bxiemu.mpi.collective;

/**
 * What every allreduce algorithm shares: its buffers' checks, and a single rank's copy; each
 * algorithm plans the rest (p ≥ 2) into the builder.
 */
abstract class AbstractAllreduce extends AbstractAlgorithm {
    AbstractAllreduce(String name) {
        super(name, Collective.ALLREDUCE);
    }

    @Override
    final Schedule build(int rank, int size, CollectiveArgs args) {
        Buffer send = need(args.send(), "send");
        Buffer recv = need(args.recv(), "receive");
        sameShape(send, recv, "allreduce");
        ScheduleBuilder b = new ScheduleBuilder();
        if (size == 1) {
            b.copy(send.all(), recv.all());
        } else {
            plan(b, rank, size, send, recv, args.op());
        }
        return b.build();
    }

    /** Adds the rounds of rank {@code rank} of {@code size} ≥ 2 to {@code b}. */
    abstract void plan(ScheduleBuilder b, int rank, int size, Buffer send, Buffer recv, ReduceOp op);
}
