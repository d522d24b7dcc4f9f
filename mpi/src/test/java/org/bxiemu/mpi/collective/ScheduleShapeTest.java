package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rounds, messages and bytes against the textbook, mostly for powers of two. */
class ScheduleShapeTest {

    static final int N = 1024; // elements, divisible by every power of two tested

    static int lg(int p) {
        return Harness.ceilLog2(p);
    }

    @Test
    void disseminationBarrierHasCeilLgPRoundsOfOneEmptyMessageForEveryP() {
        for (int p = 1; p <= 40; p++) {
            List<Schedule> s = Harness.schedules(new DisseminationBarrier(), p, r -> CollectiveArgs.barrier());
            for (int r = 0; r < p; r++) {
                assertEquals(lg(p), s.get(r).communicationRounds(), "p=" + p);
                assertEquals(lg(p), s.get(r).roundCount(), "p=" + p);
                assertEquals(lg(p), s.get(r).sendCount(), "p=" + p);
                assertEquals(0, s.get(r).bytesSent());
            }
        }
    }

    static List<Schedule> allreduce(CollectiveAlgorithm alg, int p, int count) {
        return Harness.schedules(alg, p, r -> CollectiveArgs.allreduce(
                Buffer.modelled(Datatype.DOUBLE, count), Buffer.modelled(Datatype.DOUBLE, count), ReduceOp.SUM));
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {1, 2, 4, 8, 16, 32, 64})
    void recursiveDoublingAllreduceHasLgPRoundsOfWholeVectors(int p) {
        for (Schedule s : allreduce(new RecursiveDoublingAllreduce(), p, N)) {
            assertEquals(lg(p), s.communicationRounds());
            assertEquals(lg(p), s.sendCount());
            assertEquals((long) lg(p) * N * 8, s.bytesSent());
            assertEquals((long) lg(p) * N * 8, s.bytesReduced());
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {3, 5, 6, 7, 12, 33})
    void recursiveDoublingAllreduceFoldsTheExtraRanks(int p) {
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        List<Schedule> ss = allreduce(new RecursiveDoublingAllreduce(), p, N);
        for (int r = 0; r < p; r++) {
            Schedule s = ss.get(r);
            if (r < 2 * rem && r % 2 == 0) {
                assertEquals(2, s.communicationRounds(), "sits-out rank " + r); // fold send, unfold recv
                assertEquals(1, s.sendCount());
            } else if (r < 2 * rem) {
                assertEquals(lg(pof2) + 2, s.communicationRounds(), "proxy rank " + r);
            } else {
                assertEquals(lg(pof2), s.communicationRounds(), "rank " + r);
            }
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {2, 4, 8, 16, 32, 64})
    void rabenseifnerHasTwoLgPRoundsAndMovesTwiceTheVectorMinusAShare(int p) {
        for (Schedule s : allreduce(new RabenseifnerAllreduce(), p, N)) {
            assertEquals(2 * lg(p), s.communicationRounds());
            assertEquals(2 * lg(p), s.sendCount());
            assertEquals(2L * (p - 1) * (N / p) * 8, s.bytesSent());
            assertEquals((long) (p - 1) * (N / p) * 8, s.bytesReduced());
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {2, 3, 4, 5, 8, 13, 16, 32})
    void ringAllreduceHasTwoTimesPMinusOneRounds(int p) {
        int count = N * p; // divisible by p
        for (Schedule s : allreduce(new RingAllreduce(), p, count)) {
            assertEquals(2 * (p - 1), s.communicationRounds());
            assertEquals(2 * (p - 1), s.sendCount());
            assertEquals(2L * (p - 1) * N * 8, s.bytesSent());
            assertEquals((long) (p - 1) * N * 8, s.bytesReduced());
        }
    }

    static List<Schedule> allgather(CollectiveAlgorithm alg, int p, int block) {
        return Harness.schedules(alg, p, r -> CollectiveArgs.allgather(
                Buffer.modelled(Datatype.INT, block), Buffer.modelled(Datatype.INT, p * block)));
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {1, 2, 3, 4, 7, 8, 16, 32})
    void allgatherRoundCounts(int p) {
        for (Schedule s : allgather(new RingAllgather(), p, 10)) {
            assertEquals(p - 1, s.communicationRounds());
            assertEquals((p - 1) * 40L, s.bytesSent());
        }
        for (Schedule s : allgather(new BruckAllgather(), p, 10)) {
            assertEquals(lg(p), s.communicationRounds());
            assertEquals((p - 1) * 40L, s.bytesSent());
        }
        // Recursive doubling: lg p for powers of two; Bruck's ⌈lg p⌉ otherwise.
        for (Schedule s : allgather(new RecursiveDoublingAllgather(), p, 10)) {
            assertEquals(lg(p), s.communicationRounds());
            assertEquals((p - 1) * 40L, s.bytesSent());
            assertEquals(Harness.isPow2(p), s.scratch().isEmpty(), "power-of-two recursive doubling needs no scratch");
        }
    }

    static List<Schedule> alltoall(CollectiveAlgorithm alg, int p, int block) {
        return Harness.schedules(alg, p, r -> CollectiveArgs.alltoall(
                Buffer.modelled(Datatype.LONG, p * block), Buffer.modelled(Datatype.LONG, p * block)));
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 12, 16, 32})
    void alltoallMessageCounts(int p) {
        for (Schedule s : alltoall(new BruckAlltoall(), p, 4)) {
            assertEquals(lg(p), s.communicationRounds());
            assertEquals(lg(p), s.sendCount());
            if (Harness.isPow2(p)) {
                // every step moves half of the p blocks: (n/2) lg p with n = p blocks of 32 bytes
                assertEquals((long) p * 32 / 2 * lg(p), s.bytesSent());
            }
        }
        for (Schedule s : alltoall(new PairwiseAlltoall(), p, 4)) {
            assertEquals(p - 1, s.communicationRounds());
            assertEquals(p - 1, s.sendCount());
            assertEquals((p - 1) * 32L, s.bytesSent());
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {1, 2, 3, 5, 8, 16, 17, 32})
    void binomialTreesUsePMinusOneMessagesAndLgPAtTheRoot(int p) {
        int root = p / 3;
        List<Schedule> bcast = Harness.schedules(new BinomialBcast(), p,
                r -> CollectiveArgs.bcast(Buffer.modelled(Datatype.INT, N), root));
        assertEquals(p - 1, bcast.stream().mapToInt(Schedule::sendCount).sum());
        assertEquals(lg(p), bcast.get(root).sendCount());
        for (int r = 0; r < p; r++) {
            assertEquals(r == root ? 0 : 1, bcast.get(r).recvCount());
        }
        List<Schedule> reduce = Harness.schedules(new BinomialReduce(), p, r -> CollectiveArgs.reduce(
                Buffer.modelled(Datatype.INT, N), r == root ? Buffer.modelled(Datatype.INT, N) : null,
                ReduceOp.SUM, root));
        assertEquals(p - 1, reduce.stream().mapToInt(Schedule::sendCount).sum());
        assertEquals(lg(p), reduce.get(root).recvCount());
        assertEquals(lg(p), reduce.get(root).communicationRounds());
        for (int r = 0; r < p; r++) {
            assertTrue(reduce.get(r).scratch().size() <= 3, "reduce scratch: accumulator + two receive buffers");
        }
        List<Schedule> gather = Harness.schedules(new BinomialGather(), p, r -> CollectiveArgs.gather(
                Buffer.modelled(Datatype.INT, 10), r == root ? Buffer.modelled(Datatype.INT, 10 * p) : null, root));
        assertEquals(p - 1, gather.stream().mapToInt(Schedule::sendCount).sum());
        assertEquals(lg(p), gather.get(root).recvCount());
        List<Schedule> scatter = Harness.schedules(new BinomialScatter(), p, r -> CollectiveArgs.scatter(
                r == root ? Buffer.modelled(Datatype.INT, 10 * p) : null, Buffer.modelled(Datatype.INT, 10), root));
        assertEquals(p - 1, scatter.stream().mapToInt(Schedule::sendCount).sum());
        assertEquals(lg(p), scatter.get(root).sendCount());
        if (Harness.isPow2(p)) {
            // each block travels lg(distance) hops: total (p/2) lg p blocks
            long blocks = gather.stream().mapToLong(Schedule::bytesSent).sum() / 40;
            assertEquals((long) p / 2 * lg(p), blocks);
            assertEquals(blocks * 40, scatter.stream().mapToLong(Schedule::bytesSent).sum());
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {2, 4, 8, 16, 32})
    void scatterAllgatherBcastMovesTwiceTheBufferLessAShare(int p) {
        int root = p - 1;
        List<Schedule> ss = Harness.schedules(new ScatterAllgatherBcast(), p,
                r -> CollectiveArgs.bcast(Buffer.modelled(Datatype.INT, N), root));
        assertEquals(lg(p), ss.get(root).rounds().get(0).ops().size(), "root scatters one message per subtree");
        assertEquals(lg(p) + p - 1, ss.get(root).sendCount(), "then p - 1 ring sends");
        for (int r = 0; r < p; r++) {
            // scatter: a receive round unless root, a send round unless leaf; then p - 1 ring rounds
            BinomialTree t = BinomialTree.of(r, root, p);
            int expected = (t.parent() >= 0 ? 1 : 0) + (t.children().isEmpty() ? 0 : 1) + (p - 1);
            assertEquals(expected, ss.get(r).communicationRounds(), "rank " + r);
        }
        long ringBytes = (long) p * (p - 1) * (N / p) * 4;
        long scatterBytes = (long) (N / p) * 4 * p / 2 * lg(p);
        assertEquals(ringBytes + scatterBytes, ss.stream().mapToLong(Schedule::bytesSent).sum());
    }
}
