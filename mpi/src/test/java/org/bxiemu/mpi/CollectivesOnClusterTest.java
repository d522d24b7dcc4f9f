package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.ReduceOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Collectives on the emulated cluster: real values on every rank, for each algorithm and engine. */
class CollectivesOnClusterTest {
    private static Config config(int nodes, int perNode, String extra) {
        return ClusterJobs.star(nodes, perNode, extra);
    }

    private static RunResult run(Config config, RankProgram program) {
        return ClusterJobs.run(config, program);
    }

    @ParameterizedTest
    @CsvSource({"recursive-doubling,poll,5,1", "rabenseifner,poll,3,2", "ring,poll,7,1", "recursive-doubling,uintr,3,2",
            "ring,signal,3,1", "rabenseifner,progress-thread,3,1", "recursive-doubling,eventfd,2,3",
            "ring,idle-poll,3,3", "recursive-doubling,idle-poll,2,4"})
    void allreduceOfRankIdsIsTriangularOnEveryRank(String algorithm, String engine, int nodes, int perNode) {
        int p = nodes * perNode;
        Map<Integer, Long> sums = new ConcurrentSkipListMap<>();
        run(config(nodes, perNode, "mpi.collectives.allreduce = " + algorithm + "\nmpi.progress = " + engine), mpi -> {
            Buffer send = Buffer.ofLongs(mpi.rank(), 2L * mpi.rank(), 1, 5, 7);
            Buffer recv = Buffer.allocate(send.datatype(), send.count());
            mpi.allreduce(send, recv, ReduceOp.SUM);
            sums.put(mpi.rank(), recv.getLong(0));
            assertEquals(2L * p * (p - 1) / 2, recv.getLong(1));
            assertEquals(7L * p, recv.getLong(4));
        });
        assertEquals(p, sums.size());
        for (long s : sums.values()) assertEquals((long) p * (p - 1) / 2, s, algorithm + "/" + engine + " p=" + p);
    }

    @Test
    void bcastAlltoallAndBarrierCarryRealData() {
        int nodes = 3;
        Map<Integer, String> seen = new TreeMap<>();
        run(config(nodes, 2, ""), mpi -> {
            int p = mpi.size();
            Buffer b = Buffer.ofInts(new int[4]);
            if (mpi.rank() == 2) for (int i = 0; i < 4; i++) b.set(i, 40 + i);
            mpi.bcast(b, 2);
            Buffer send = Buffer.ofInts(new int[p]);
            for (int d = 0; d < p; d++) send.set(d, 100 * mpi.rank() + d);
            Buffer recv = Buffer.allocate(send.datatype(), p);
            mpi.alltoall(send, recv);
            mpi.barrier();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) sb.append(b.getLong(i)).append(',');
            for (int s = 0; s < p; s++) sb.append(recv.getLong(s)).append(',');
            synchronized (seen) {
                seen.put(mpi.rank(), sb.toString());
            }
        });
        assertEquals(6, seen.size());
        for (var e : seen.entrySet()) {
            StringBuilder want = new StringBuilder("40,41,42,43,");
            for (int s = 0; s < 6; s++) want.append(100 * s + e.getKey()).append(',');
            assertEquals(want.toString(), e.getValue(), "rank " + e.getKey());
        }
    }

    @Test
    void aNonBlockingAllreduceOverlapsComputeWithUserInterruptsNotWithPolling() {
        long[] poll = overlap("poll");
        long[] uintr = overlap("uintr");
        // [0] = time from the end of the compute to the end of the wait
        assertTrue(uintr[0] < poll[0] / 4, "uintr waits " + uintr[0] + " ps after the compute, poll " + poll[0]);
    }

    private static long[] overlap(String engine) {
        long[] after = {0};
        run(config(4, 1, "mpi.progress = " + engine + "\nmpi.collectives.allreduce = ring"), mpi -> {
            Buffer send = Buffer.modelled(org.bxiemu.mpi.collective.Datatype.DOUBLE, 128 * 1024);
            Buffer recv = Buffer.modelled(org.bxiemu.mpi.collective.Datatype.DOUBLE, 128 * 1024);
            mpi.barrier();
            Request r = mpi.iallreduce(send, recv, ReduceOp.SUM);
            mpi.compute(500 * Durations.US);
            long end = mpi.now();
            mpi.waitFor(r);
            if (mpi.rank() == 0) after[0] = mpi.now() - end;
        });
        return after;
    }

    @Test
    void splitGivesEachColourItsOwnCommunicatorAndDupKeepsTrafficApart() {
        Map<Integer, String> seen = new ConcurrentSkipListMap<>();
        run(config(3, 2, ""), mpi -> {
            Mpi half = mpi.split(mpi.rank() % 2, -mpi.rank()); // reversed order within each colour
            Buffer send = Buffer.ofLongs(mpi.rank());
            Buffer recv = Buffer.allocate(send.datatype(), 1);
            half.allreduce(send, recv, ReduceOp.SUM);
            Mpi copy = mpi.dup();
            // the same tag on two communicators: each receive gets its own communicator's message
            int right = (mpi.rank() + 1) % mpi.size();
            int left = (mpi.rank() + mpi.size() - 1) % mpi.size();
            Request onWorld = mpi.irecv(8, left, 0);
            Request onCopy = copy.irecv(8, left, 0);
            copy.send(Payload.of(new byte[] {2}), right, 0);
            mpi.send(Payload.of(new byte[] {1}), right, 0);
            int w = mpi.waitFor(onWorld).payload().data()[0];
            int c = copy.waitFor(onCopy).payload().data()[0];
            Mpi none = mpi.split(mpi.rank() == 0 ? 5 : -1, 0);
            seen.put(mpi.rank(), half.size() + "/" + half.rank() + "/" + recv.getLong(0) + "/" + w + c + "/"
                    + (none == null ? "null" : none.size()));
        });
        // evens 0,2,4 sum 6; odds 1,3,5 sum 9; keys reversed: rank 4 is rank 0 of the evens
        assertEquals("3/2/6/12/1", seen.get(0));
        assertEquals("3/2/9/12/null", seen.get(1));
        assertEquals("3/0/6/12/null", seen.get(4));
        assertEquals("3/0/9/12/null", seen.get(5));
    }

    @Test
    void collectivesOnSubCommunicatorsDoNotShiftTheWorldsCollectives() {
        Map<Integer, Long> sums = new ConcurrentSkipListMap<>();
        run(config(2, 2, "mpi.wait-timeout = \"5ms\""), mpi -> {
            Mpi half = mpi.split(mpi.rank() % 2, mpi.rank());
            // the evens run two collectives on their communicator, the odds one
            for (int i = 0; i <= (mpi.rank() + 1) % 2; i++) half.barrier();
            Buffer send = Buffer.ofLongs(mpi.rank());
            Buffer recv = Buffer.allocate(send.datatype(), 1);
            mpi.allreduce(send, recv, ReduceOp.SUM);
            sums.put(mpi.rank(), recv.getLong(0));
        });
        assertEquals(Map.of(0, 6L, 1, 6L, 2, 6L, 3, 6L), sums);
    }
}
