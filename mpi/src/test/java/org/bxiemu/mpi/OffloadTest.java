package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bxiemu.engine.JobFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.Datatype;
import org.bxiemu.mpi.collective.ReduceOp;
import org.bxiemu.node.CoreTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code offload} engine: barrier, bcast and allreduce as chains of triggered operations the
 * NIC runs alone. Real values on every rank for any p; a non-blocking one completes during a
 * compute with no host involvement at all.
 */
class OffloadTest {
    private static Config config(int nodes, int perNode, String extra) {
        return ClusterJobs.star(nodes, perNode, extra);
    }

    private static RunResult run(Config config, RankProgram program) {
        return ClusterJobs.run(config, program);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,1", "3,1", "5,1", "4,2", "13,1"})
    void allreduceOnTheNicGivesRealValuesOnEveryRankForAnyP(int nodes, int perNode) {
        int p = nodes * perNode;
        Map<Integer, String> seen = new ConcurrentSkipListMap<>();
        run(config(nodes, perNode, "mpi.progress = offload"), mpi -> {
            int r = mpi.rank();
            Buffer ids = Buffer.ofLongs(r, 2L * r, 1, 5, 7);
            Buffer sums = Buffer.allocate(Datatype.LONG, 5);
            mpi.allreduce(ids, sums, ReduceOp.SUM);
            // 100 longs: two atomics of at most 512 B each per rank
            long[] wide = new long[100];
            for (int i = 0; i < wide.length; i++) wide[i] = (long) r * i;
            Buffer wideSums = Buffer.allocate(Datatype.LONG, 100);
            mpi.allreduce(Buffer.ofLongs(wide), wideSums, ReduceOp.SUM);
            Buffer halves = Buffer.allocate(Datatype.DOUBLE, 2);
            mpi.allreduce(Buffer.ofDoubles(0.5 * r, -1.25), halves, ReduceOp.SUM);
            Buffer max = Buffer.allocate(Datatype.INT, 2);
            mpi.allreduce(Buffer.ofInts(r, -r), max, ReduceOp.MAX);
            Buffer min = Buffer.allocate(Datatype.DOUBLE, 1);
            mpi.allreduce(Buffer.ofDoubles(3.0 - r), min, ReduceOp.MIN);
            Buffer prod = Buffer.allocate(Datatype.LONG, 1);
            mpi.allreduce(Buffer.ofLongs(r % 3 + 1), prod, ReduceOp.PROD);
            boolean wideOk = true;
            for (int i = 0; i < 100; i++) wideOk &= wideSums.getLong(i) == (long) p * (p - 1) / 2 * i;
            seen.put(r, sums.getLong(0) + "/" + sums.getLong(1) + "/" + sums.getLong(4) + "/" + wideOk + "/"
                    + halves.doubleData()[0] + "/" + halves.doubleData()[1] + "/" + max.getLong(0) + "/"
                    + max.getLong(1) + "/" + min.doubleData()[0] + "/" + prod.getLong(0));
        });
        long triangle = (long) p * (p - 1) / 2;
        long product = 1;
        for (int r = 0; r < p; r++) product *= r % 3 + 1;
        String want = triangle + "/" + 2 * triangle + "/" + 7L * p + "/true/" + 0.5 * triangle + "/" + -1.25 * p + "/"
                + (p - 1) + "/0/" + (3.0 - (p - 1)) + "/" + product;
        assertEquals(p, seen.size());
        for (var e : seen.entrySet()) assertEquals(want, e.getValue(), "p=" + p + " rank " + e.getKey());
    }

    @Test
    void bcastFromANonZeroRootCarriesRealDataOfAnySize() {
        Map<Integer, String> seen = new TreeMap<>();
        int big = 20_000; // 80 kB: a Put of many packets
        run(config(3, 2, "mpi.progress = offload"), mpi -> {
            Buffer b = Buffer.ofInts(new int[4]);
            Buffer large = Buffer.allocate(Datatype.INT, big);
            if (mpi.rank() == 3) {
                for (int i = 0; i < 4; i++) b.set(i, 40 + i);
                for (int i = 0; i < big; i++) large.set(i, i * 7);
            }
            mpi.bcast(b, 3);
            mpi.waitFor(mpi.ibcast(large, 3));
            boolean largeOk = true;
            for (int i = 0; i < big; i++) largeOk &= large.getLong(i) == i * 7L;
            synchronized (seen) {
                seen.put(mpi.rank(), b.getLong(0) + "," + b.getLong(3) + "," + largeOk);
            }
        });
        assertEquals(6, seen.size());
        for (var e : seen.entrySet()) assertEquals("40,43,true", e.getValue(), "rank " + e.getKey());
    }

    @Test
    void noRankLeavesTheBarrierBeforeTheLastHasArrived() {
        int p = 7;
        long[] entered = new long[p];
        long[] left = new long[p];
        run(config(p, 1, "mpi.progress = offload"), mpi -> {
            // arrivals staggered, the last one (rank 2) 60 us after the first
            mpi.compute(((mpi.rank() * 3L) % p) * 10 * Durations.US);
            entered[mpi.rank()] = mpi.now();
            mpi.barrier();
            left[mpi.rank()] = mpi.now();
        });
        long last = 0;
        for (long t : entered) last = Math.max(last, t);
        for (int r = 0; r < p; r++) {
            assertTrue(left[r] > last, "rank " + r + " left at " + left[r] + " before the last arrival at " + last);
            assertTrue(left[r] < last + 20 * Durations.US, "rank " + r + " left long after the last arrival: "
                    + (left[r] - last));
        }
    }

    private record Overlap(long waitAfterCompute, Map<String, Long> core, double[] result) {}

    /** Rank 0 of 4 nodes: an iallreduce and an ibcast posted, then 500 us of compute, then the waits. */
    private static Overlap overlap(String engine) {
        long[] after = {0};
        double[] result = new double[2];
        RunResult r = run(config(4, 1, "mpi.progress = " + engine), mpi -> {
            Buffer send = Buffer.ofDoubles(new double[1024]);
            send.doubleData()[0] = mpi.rank() + 1;
            Buffer recv = Buffer.allocate(Datatype.DOUBLE, 1024);
            Buffer data = Buffer.modelled(Datatype.DOUBLE, 4096);
            Request reduce = mpi.iallreduce(send, recv, ReduceOp.SUM);
            Request bcast = mpi.ibcast(data, 2);
            mpi.compute(500 * Durations.US);
            long end = mpi.now();
            mpi.waitFor(bcast);
            mpi.waitFor(reduce);
            if (mpi.rank() == 0) {
                after[0] = mpi.now() - end;
                result[0] = recv.doubleData()[0];
                result[1] = recv.doubleData()[1023];
            }
        });
        Map<String, Long> core = new TreeMap<>();
        r.components().stream().filter(c -> c.getId().equals("n0000.core0"))
                .forEach(c -> c.getCountersList().forEach(k -> core.put(k.getName(), k.getValue())));
        return new Overlap(after[0], core, result);
    }

    @Test
    void nonBlockingCollectivesCompleteDuringTheComputeWithoutTheHost() {
        Overlap poll = overlap("poll");
        Overlap offload = overlap("offload");
        assertArrayEquals(new double[] {10, 0}, offload.result());
        assertArrayEquals(poll.result(), offload.result(), "the same values as the host's algorithm");
        assertTrue(offload.waitAfterCompute() < 2 * Durations.US,
                "offload: done during the compute, the waits return at once: " + offload.waitAfterCompute());
        assertTrue(poll.waitAfterCompute() > 10 * offload.waitAfterCompute(),
                "poll progresses only in the wait: " + poll.waitAfterCompute() + " vs " + offload.waitAfterCompute());
        assertEquals(500 * Durations.US, offload.core().get(CoreTime.COMPUTE.counter()));
        long interrupted = offload.core().getOrDefault(CoreTime.HANDLER.counter(), 0L)
                + offload.core().getOrDefault(CoreTime.INTERRUPT.counter(), 0L);
        assertEquals(0, interrupted, "nothing ran on the host during the compute");
        long hostWork = offload.core().get(CoreTime.LIBRARY.counter()) + offload.core().get(CoreTime.POLLING.counter());
        long pollWork = poll.core().get(CoreTime.LIBRARY.counter()) + poll.core().get(CoreTime.POLLING.counter());
        assertTrue(hostWork < pollWork, "offload " + hostWork + " ps of library and polling, poll " + pollWork);
    }

    @Test
    void concurrentCollectivesOnTwoCommunicatorsAndPointToPointKeepApart() {
        Map<Integer, String> seen = new ConcurrentSkipListMap<>();
        run(config(3, 2, "mpi.progress = offload\nmpi.offload.allreduce-limit = 64B"), mpi -> {
            int r = mpi.rank();
            Mpi half = mpi.split(r % 2, r);
            Buffer worldSum = Buffer.allocate(Datatype.LONG, 2);
            Buffer halfSum = Buffer.allocate(Datatype.LONG, 2);
            Buffer big = Buffer.allocate(Datatype.LONG, 16); // 128 B: above the limit, the host's schedule
            Buffer data = Buffer.ofLongs(r == 1 ? 99 : 0);
            Request a = mpi.iallreduce(Buffer.ofLongs(r, 1), worldSum, ReduceOp.SUM);
            Request b = half.iallreduce(Buffer.ofLongs(r, 1), halfSum, ReduceOp.SUM);
            Request c = mpi.ibcast(data, 1);
            Request d = mpi.ibarrier();
            Request e = mpi.iallreduce(Buffer.ofLongs(new long[] {r, r, r, r, r, r, r, r, r, r, r, r, r, r, r, r}),
                    big, ReduceOp.SUM);
            int right = (r + 1) % mpi.size();
            int left = (r + mpi.size() - 1) % mpi.size();
            Request in = mpi.irecv(8, left, 3);
            mpi.send(Payload.of(new byte[] {(byte) r}), right, 3);
            int got = mpi.waitFor(in).payload().data()[0];
            mpi.waitFor(d);
            mpi.waitFor(c);
            mpi.waitFor(b);
            mpi.waitFor(a);
            mpi.waitFor(e);
            seen.put(r, worldSum.getLong(0) + "/" + worldSum.getLong(1) + "/" + halfSum.getLong(0) + "/"
                    + halfSum.getLong(1) + "/" + data.getLong(0) + "/" + big.getLong(15) + "/" + got);
        });
        for (int r = 0; r < 6; r++) {
            String want = "15/6/" + (r % 2 == 0 ? 6 : 9) + "/3/99/15/" + (r + 5) % 6;
            assertEquals(want, seen.get(r), "rank " + r);
        }
    }

    @Test
    void aWaitForAnOffloadedCollectiveTimesOutNamingTheSilentRank() {
        JobFailedException e = assertThrows(JobFailedException.class, () -> run(config(2, 1,
                "mpi.progress = offload\nmpi.wait-timeout = \"300us\""), mpi -> {
            if (mpi.rank() == 1) mpi.compute(20 * Durations.MS); // hung, as far as rank 0 can tell
            mpi.barrier();
        }));
        String m = e.getMessage();
        assertTrue(m.startsWith("program test-0 failed at "), m);
        assertTrue(m.contains("MPI_barrier on the NIC") && m.contains("no progress from rank(s) 1"), m);
    }

    @Test
    void theSameRunGivesTheSameDigest() {
        RankProgram program = mpi -> {
            Buffer sum = Buffer.allocate(Datatype.DOUBLE, 3);
            for (int i = 0; i < 3; i++) {
                mpi.allreduce(Buffer.ofDoubles(mpi.rank() * 0.1, i, 1), sum, ReduceOp.SUM);
                mpi.barrier();
                mpi.bcast(sum, i);
            }
        };
        String first = run(config(5, 1, "mpi.progress = offload"), program).digest();
        String second = run(config(5, 1, "mpi.progress = offload"), program).digest();
        assertEquals(first, second);
    }
}
