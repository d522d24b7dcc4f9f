package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllreduceTest {

    static Stream<Arguments> everyAlgorithmSizeAndType() {
        List<Arguments> out = new ArrayList<>();
        for (CollectiveAlgorithm a : CollectiveSelector.algorithms(Collective.ALLREDUCE)) {
            for (int p = 1; p <= 33; p++) {
                for (Datatype dt : Datatype.values()) {
                    out.add(Arguments.of(a.name(), p, dt));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} p={1} {2}")
    @MethodSource("everyAlgorithmSizeAndType")
    void sumOfRankIdsIsTriangularOnEveryRank(String name, int p, Datatype dt) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLREDUCE, name);
        for (int count : new int[] {1, 7, 2 * p + 3}) {
            Buffer[] recv = new Buffer[p];
            ScheduleSimulator.Result res = Harness.run(alg, p, r -> {
                recv[r] = Harness.garbage(dt, count);
                return CollectiveArgs.allreduce(Harness.filled(dt, count, i -> r), recv[r], ReduceOp.SUM);
            });
            long expected = (long) p * (p - 1) / 2;
            for (int r = 0; r < p; r++) {
                for (int i = 0; i < count; i++) {
                    assertEquals(expected, recv[r].getLong(i), "rank " + r + " element " + i + " count " + count);
                }
            }
            assertTrue(res.everyoneHeardFromEveryone(), "some rank finished without hearing from all");
        }
    }

    static Stream<Arguments> opCases() {
        List<Arguments> out = new ArrayList<>();
        for (CollectiveAlgorithm a : CollectiveSelector.algorithms(Collective.ALLREDUCE)) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int p : new int[] {1, 2, 3, 5, 6, 8, 13, 16}) {
                    for (Datatype dt : Datatype.values()) {
                        out.add(Arguments.of(a.name(), op, p, dt));
                    }
                }
            }
        }
        return out.stream();
    }

    /** Distinct values per (rank, element); the expected result is folded here in rank order. */
    static long value(ReduceOp op, int r, int i) {
        if (op == ReduceOp.PROD) {
            long magnitude = ((r + 2L * i) % 3) + 1; // 1..3: products of 16 stay exact in int and double
            return (r + i) % 5 == 0 ? -magnitude : magnitude;
        }
        return ((r * 7L + i * 5L) % 11) - 5 + (r == i ? 100 : 0);
    }

    @ParameterizedTest(name = "{0} {1} p={2} {3}")
    @MethodSource("opCases")
    void everyOperatorOnSmallArrays(String name, ReduceOp op, int p, Datatype dt) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLREDUCE, name);
        int count = 9;
        Buffer[] recv = new Buffer[p];
        Harness.run(alg, p, r -> {
            recv[r] = Harness.garbage(dt, count);
            return CollectiveArgs.allreduce(Harness.filled(dt, count, i -> value(op, r, i)), recv[r], op);
        });
        for (int i = 0; i < count; i++) {
            long acc = value(op, 0, i);
            for (int r = 1; r < p; r++) {
                acc = op.apply(acc, value(op, r, i));
            }
            for (int r = 0; r < p; r++) {
                assertEquals(acc, recv[r].getLong(i), op + " rank " + r + " element " + i);
            }
        }
    }

    static Stream<Arguments> awkwardCounts() {
        List<Arguments> out = new ArrayList<>();
        for (CollectiveAlgorithm a : CollectiveSelector.algorithms(Collective.ALLREDUCE)) {
            for (int[] pc : new int[][] {{5, 7}, {5, 0}, {5, 1}, {1, 0}, {2, 0}, {8, 0}, {8, 1}, {8, 7}, {8, 9},
                    {6, 5}, {7, 13}, {12, 11}, {33, 7}, {33, 40}, {17, 1}, {3, 2}}) {
                out.add(Arguments.of(a.name(), pc[0], pc[1]));
            }
        }
        return out.stream();
    }

    /** Counts not divisible by p, smaller than p, zero and one. */
    @ParameterizedTest(name = "{0} p={1} count={2}")
    @MethodSource("awkwardCounts")
    void countsNotDivisibleByP(String name, int p, int count) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLREDUCE, name);
        Buffer[] recv = new Buffer[p];
        ScheduleSimulator.Result res = Harness.run(alg, p, r -> {
            recv[r] = Harness.garbage(Datatype.LONG, count);
            return CollectiveArgs.allreduce(
                    Harness.filled(Datatype.LONG, count, i -> (r + 1L) * 1000 + i), recv[r], ReduceOp.SUM);
        });
        for (int r = 0; r < p; r++) {
            for (int i = 0; i < count; i++) {
                assertEquals(1000L * p * (p + 1) / 2 + (long) p * i, recv[r].getLong(i), "rank " + r + " element " + i);
            }
        }
        assertTrue(res.everyoneHeardFromEveryone());
    }

    /** Modelled buffers: same messages and sizes as real ones, no data anywhere. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void modelledBuffersGiveTheSameTraffic(String name) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLREDUCE, name);
        for (int p : new int[] {1, 6, 8, 11}) {
            int count = 1000;
            ScheduleSimulator.Result real = Harness.run(alg, p, r -> CollectiveArgs.allreduce(
                    Buffer.allocate(Datatype.DOUBLE, count), Buffer.allocate(Datatype.DOUBLE, count), ReduceOp.SUM));
            List<Schedule> modelled = new ArrayList<>();
            ScheduleSimulator.Result model = Harness.run(alg, p, r -> CollectiveArgs.allreduce(
                    Buffer.modelled(Datatype.DOUBLE, count), Buffer.modelled(Datatype.DOUBLE, count), ReduceOp.SUM),
                    modelled);
            assertEquals(real.messages(), model.messages());
            assertEquals(real.bytes(), model.bytes());
            for (Schedule s : modelled) {
                assertTrue(s.scratch().stream().allMatch(Buffer::isModelled), "scratch of a modelled call is real");
            }
        }
    }

    static Stream<String> names() {
        return CollectiveSelector.names(Collective.ALLREDUCE).stream();
    }
}
