package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every collective on real data, power-of-two and other sizes, various roots and counts. */
class CollectivesTest {

    static final int[] COUNTS = {0, 1, 7, 40};

    static Stream<Arguments> algorithmsAndSizes(Collective c) {
        List<Arguments> out = new ArrayList<>();
        for (CollectiveAlgorithm a : CollectiveSelector.algorithms(c)) {
            for (int p = 1; p <= 33; p++) {
                out.add(Arguments.of(a.name(), p));
            }
        }
        return out.stream();
    }

    static int[] roots(int p) {
        return IntStream.of(0, p - 1, p / 2, 1 % p).distinct().toArray();
    }

    static Stream<Arguments> barrier() {
        return algorithmsAndSizes(Collective.BARRIER);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("barrier")
    void barrierLetsNoRankOutBeforeAllCameIn(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.BARRIER, name);
        ScheduleSimulator.Result res = Harness.run(alg, p, r -> CollectiveArgs.barrier());
        assertTrue(res.everyoneHeardFromEveryone(), "a rank left the barrier without hearing from every rank");
        assertEquals(0, res.bytes());
    }

    static Stream<Arguments> bcast() {
        return algorithmsAndSizes(Collective.BCAST);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("bcast")
    void bcastFromAnyRoot(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.BCAST, name);
        for (int root : roots(p)) {
            for (int count : COUNTS) {
                Buffer[] buf = new Buffer[p];
                ScheduleSimulator.Result res = Harness.run(alg, p, r -> {
                    buf[r] = r == root
                            ? Harness.filled(Datatype.INT, count, i -> 31 * i + 7)
                            : Harness.garbage(Datatype.INT, count);
                    return CollectiveArgs.bcast(buf[r], root);
                });
                for (int r = 0; r < p; r++) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(31L * i + 7, buf[r].getLong(i), "root " + root + " count " + count + " rank " + r);
                    }
                    if (count > 0) {
                        assertTrue(res.knows(r, root), "rank " + r + " never heard from the root");
                    }
                }
            }
        }
    }

    static Stream<Arguments> reduce() {
        return algorithmsAndSizes(Collective.REDUCE);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("reduce")
    void reduceToAnyRoot(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.REDUCE, name);
        for (int root : roots(p)) {
            for (int count : COUNTS) {
                for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX}) {
                    Buffer[] recv = new Buffer[p];
                    ScheduleSimulator.Result res = Harness.run(alg, p, r -> {
                        recv[r] = r == root ? Harness.garbage(Datatype.DOUBLE, count) : null;
                        Buffer send = Harness.filled(Datatype.DOUBLE, count, i -> (r * 13L + i * 7) % 17);
                        return CollectiveArgs.reduce(send, recv[r], op, root);
                    });
                    for (int i = 0; i < count; i++) {
                        long acc = (i * 7L) % 17;
                        for (int r = 1; r < p; r++) {
                            acc = op.apply(acc, (r * 13L + i * 7) % 17);
                        }
                        assertEquals(acc, recv[root].getLong(i), op + " root " + root + " count " + count + " i " + i);
                    }
                    for (int r = 0; r < p; r++) {
                        assertTrue(res.knows(root, r), "root never heard from rank " + r);
                    }
                }
            }
        }
    }

    static Stream<Arguments> allgather() {
        return algorithmsAndSizes(Collective.ALLGATHER);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("allgather")
    void allgatherCollectsEveryBlockInRankOrder(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLGATHER, name);
        for (int count : COUNTS) {
            Buffer[] recv = new Buffer[p];
            ScheduleSimulator.Result res = Harness.run(alg, p, r -> {
                recv[r] = Harness.garbage(Datatype.LONG, p * count);
                return CollectiveArgs.allgather(Harness.filled(Datatype.LONG, count, i -> r * 1000L + i), recv[r]);
            });
            for (int r = 0; r < p; r++) {
                for (int src = 0; src < p; src++) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(src * 1000L + i, recv[r].getLong(src * count + i),
                                "count " + count + " rank " + r + " block " + src + " element " + i);
                    }
                }
            }
            if (count > 0) {
                assertTrue(res.everyoneHeardFromEveryone());
            }
        }
    }

    static Stream<Arguments> alltoall() {
        return algorithmsAndSizes(Collective.ALLTOALL);
    }

    /** Block (src → dst) element i holds src·10⁶ + dst·10³ + i, unique per (src, dst, i). */
    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("alltoall")
    void alltoallDeliversEachBlockToItsDestination(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.ALLTOALL, name);
        for (int count : new int[] {0, 1, 3}) {
            Buffer[] recv = new Buffer[p];
            Harness.run(alg, p, r -> {
                recv[r] = Harness.garbage(Datatype.LONG, p * count);
                Buffer send = Harness.filled(Datatype.LONG, p * count,
                        k -> r * 1_000_000L + (k / count) * 1000L + k % count);
                return CollectiveArgs.alltoall(send, recv[r]);
            });
            for (int dst = 0; dst < p; dst++) {
                for (int src = 0; src < p; src++) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(src * 1_000_000L + dst * 1000L + i, recv[dst].getLong(src * count + i),
                                "count " + count + " at rank " + dst + " block from " + src + " element " + i);
                    }
                }
            }
        }
    }

    static Stream<Arguments> gather() {
        return algorithmsAndSizes(Collective.GATHER);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("gather")
    void gatherToAnyRoot(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.GATHER, name);
        for (int root : roots(p)) {
            for (int count : COUNTS) {
                Buffer[] recv = new Buffer[p];
                Harness.run(alg, p, r -> {
                    recv[r] = r == root ? Harness.garbage(Datatype.INT, p * count) : null;
                    return CollectiveArgs.gather(Harness.filled(Datatype.INT, count, i -> r * 100 + i), recv[r], root);
                });
                for (int src = 0; src < p; src++) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(src * 100L + i, recv[root].getLong(src * count + i),
                                "root " + root + " count " + count + " block " + src + " element " + i);
                    }
                }
            }
        }
    }

    static Stream<Arguments> scatter() {
        return algorithmsAndSizes(Collective.SCATTER);
    }

    @ParameterizedTest(name = "{0} p={1}")
    @MethodSource("scatter")
    void scatterFromAnyRoot(String name, int p) {
        CollectiveAlgorithm alg = CollectiveSelector.byName(Collective.SCATTER, name);
        for (int root : roots(p)) {
            for (int count : COUNTS) {
                Buffer[] recv = new Buffer[p];
                Harness.run(alg, p, r -> {
                    recv[r] = Harness.garbage(Datatype.DOUBLE, count);
                    Buffer send = r == root
                            ? Harness.filled(Datatype.DOUBLE, p * count, k -> (k / count) * 100L + k % count)
                            : null;
                    return CollectiveArgs.scatter(send, recv[r], root);
                });
                for (int r = 0; r < p; r++) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(r * 100L + i, recv[r].getLong(i),
                                "root " + root + " count " + count + " rank " + r + " element " + i);
                    }
                }
            }
        }
    }
}
