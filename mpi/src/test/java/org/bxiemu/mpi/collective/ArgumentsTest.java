package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Buffers, slices, reductions and argument checking. */
class ArgumentsTest {

    @Test
    void badCallsAreRejected() {
        Buffer four = Buffer.allocate(Datatype.INT, 4);
        Buffer three = Buffer.allocate(Datatype.INT, 3);
        assertThrows(IllegalArgumentException.class, () -> new RingAllreduce()
                .schedule(0, 2, CollectiveArgs.allreduce(four, three, ReduceOp.SUM)));
        assertThrows(IllegalArgumentException.class, () -> new RingAllreduce()
                .schedule(0, 2, CollectiveArgs.allreduce(four, Buffer.allocate(Datatype.LONG, 4), ReduceOp.SUM)));
        assertThrows(IllegalArgumentException.class, () -> new RingAllreduce()
                .schedule(2, 2, CollectiveArgs.allreduce(four, four, ReduceOp.SUM)));
        assertThrows(IllegalArgumentException.class, () -> new RingAllreduce()
                .schedule(0, 0, CollectiveArgs.allreduce(four, four, ReduceOp.SUM)));
        assertThrows(IllegalArgumentException.class, () -> new RingAllreduce()
                .schedule(0, 2, CollectiveArgs.bcast(four, 0)));
        assertThrows(IllegalArgumentException.class, () -> new BinomialBcast()
                .schedule(0, 2, CollectiveArgs.bcast(four, 2)));
        assertThrows(IllegalArgumentException.class, () -> new PairwiseAlltoall()
                .schedule(0, 3, CollectiveArgs.alltoall(four, Buffer.allocate(Datatype.INT, 4))));
        assertThrows(IllegalArgumentException.class, () -> new RingAllgather()
                .schedule(0, 3, CollectiveArgs.allgather(four, Buffer.allocate(Datatype.INT, 11))));
        assertThrows(IllegalArgumentException.class, () -> new BinomialGather()
                .schedule(1, 3, CollectiveArgs.gather(four, null, 1)));
        assertThrows(IllegalArgumentException.class, () -> new BinomialScatter()
                .schedule(0, 3, CollectiveArgs.scatter(null, four, 0)));
        // a non-root may pass no receive buffer
        new BinomialGather().schedule(0, 3, CollectiveArgs.gather(four, null, 1));
        new BinomialReduce().schedule(0, 3, CollectiveArgs.reduce(four, null, ReduceOp.MAX, 1));
    }

    @Test
    void slicesStayInsideTheirBuffer() {
        Buffer b = Buffer.allocate(Datatype.DOUBLE, 4);
        assertThrows(IllegalArgumentException.class, () -> b.slice(3, 2));
        assertThrows(IllegalArgumentException.class, () -> b.slice(-1, 1));
        assertEquals(16, b.slice(1, 2).bytes());
        assertThrows(IllegalArgumentException.class,
                () -> new Op.Copy(b.slice(0, 2), Buffer.allocate(Datatype.LONG, 2).all()));
    }

    @Test
    void reductionsOnRealAndModelledData() {
        Buffer a = Buffer.ofInts(1, 5, -3);
        Buffer b = Buffer.ofInts(4, 2, -7);
        ReduceOp.MIN.apply(a.all(), b.all());
        assertArrayEquals(new int[] {1, 2, -7}, b.intData());
        ReduceOp.PROD.apply(a.slice(1, 2), b.slice(0, 2));
        assertArrayEquals(new int[] {5, -6, -7}, b.intData());
        Buffer m = Buffer.modelled(Datatype.INT, 3);
        ReduceOp.SUM.apply(m.all(), b.all()); // nothing to add
        assertArrayEquals(new int[] {5, -6, -7}, b.intData());
        new Op.Copy(b.all(), m.all()).apply(); // nowhere to write
        assertThrows(IllegalStateException.class, m::intData);
        assertEquals(12, m.bytes());
    }

    @Test
    void messageBytesFollowTheCollective() {
        Buffer eight = Buffer.modelled(Datatype.LONG, 8);
        assertEquals(64, CollectiveArgs.allreduce(eight, eight, ReduceOp.SUM).messageBytes(4));
        assertEquals(64, CollectiveArgs.alltoall(eight, eight).messageBytes(4));
        assertEquals(256, CollectiveArgs.allgather(eight, Buffer.modelled(Datatype.LONG, 32)).messageBytes(4));
        assertEquals(256, CollectiveArgs.gather(eight, null, 0).messageBytes(4));
        assertEquals(256, CollectiveArgs.scatter(null, eight, 0).messageBytes(4));
        assertEquals(0, CollectiveArgs.barrier().messageBytes(4));
    }
}
