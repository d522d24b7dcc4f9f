package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.junit.jupiter.api.Test;

/** Point to point on the emulated cluster: eager, rendezvous, unexpected, wildcards, order, truncation. */
class PointToPointTest {
    private static Config config(int nodes, int ranksPerNode) {
        return ClusterJobs.star(nodes, ranksPerNode, "");
    }

    private static RunResult run(Config config, RankProgram program) {
        return ClusterJobs.run(config, program, Durations.S);
    }

    @Test
    void eagerAndRendezvousPingPongCarryTheBytesAndLargerMessagesTakeLonger() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        long[] times = new long[3];
        int[] sizes = {8, 4096, 256 * 1024};
        run(config(2, 1), mpi -> ClusterJobs.echoPingPong(mpi, sizes, times, n -> log.add("round trip " + n)));
        assertEquals(List.of("round trip 8", "round trip 4096", "round trip 262144"), log);
        assertTrue(times[0] > 2 * Durations.US && times[0] < 20 * Durations.US, "small round trip: " + times[0]);
        assertTrue(times[2] > times[1] && times[1] > times[0], "bigger messages take longer: " + List.of(
                times[0], times[1], times[2]));
        // 2 x 256 KiB at 100 Gb/s is at least 42 us of wire time
        assertTrue(times[2] > 42 * Durations.US, "rendezvous round trip: " + times[2]);
    }

    @Test
    void unexpectedMessagesWildcardsAndNonOvertakingOrder() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        run(config(3, 1), mpi -> {
            if (mpi.rank() == 0) {
                mpi.compute(50 * Durations.US); // everything arrives before the receives are posted
                for (int k = 0; k < 4; k++) {
                    Status s = mpi.recv(64, Mpi.ANY_SOURCE, Mpi.ANY_TAG);
                    seen.add(s.source() + ":" + s.tag() + ":" + s.payload().data()[0]);
                }
            } else {
                // two messages with the same tag from each sender: MPI keeps their order
                mpi.send(Payload.of(new byte[] {(byte) (10 * mpi.rank() + 1)}), 0, 7);
                mpi.send(Payload.of(new byte[] {(byte) (10 * mpi.rank() + 2)}), 0, 7);
            }
        });
        assertEquals(4, seen.size(), seen.toString());
        for (int sender = 1; sender <= 2; sender++) {
            int first = seen.indexOf(sender + ":7:" + (10 * sender + 1));
            int second = seen.indexOf(sender + ":7:" + (10 * sender + 2));
            assertTrue(first >= 0 && second > first, "sender " + sender + " in order: " + seen);
        }
    }

    @Test
    void aMessageLargerThanTheReceiveIsATruncationError() {
        RuntimeException e = assertThrows(org.bxiemu.engine.JobFailedException.class, () -> run(config(2, 1), mpi -> {
            if (mpi.rank() == 0) mpi.send(Payload.modelled(1000), 1, 0);
            else mpi.recv(100, 0, 0);
        }));
        assertTrue(String.valueOf(e.getMessage()).contains("MPI_ERR_TRUNCATE"), e.getMessage());
        assertTrue(e.getMessage().startsWith("program test-1 failed at "), "names the failed rank: " + e.getMessage());
    }

    @Test
    void ranksOnOneNodeTalkThroughTheirOwnInterfaces() {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        run(config(2, 2), mpi -> {
            int right = (mpi.rank() + 1) % mpi.size();
            int left = (mpi.rank() + mpi.size() - 1) % mpi.size();
            Request r = mpi.irecv(8, left, 0);
            mpi.send(Payload.of(new byte[] {(byte) mpi.rank()}), right, 0);
            got.add(mpi.waitFor(r).payload().data()[0] * 10 + mpi.rank());
        });
        Collections.sort(got);
        assertEquals(List.of(1, 12, 23, 30), got, "each rank got its left neighbour's rank");
    }

    /** A record a rank program might send. */
    record Particle(int id, double[] position, String label) {}

    @Test
    void anyJavaObjectTravelsThroughKryoWithItsSerialisedSize() {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        run(config(2, 1), mpi -> {
            if (mpi.rank() == 0) {
                Payload p = Payload.ofObject(new java.util.ArrayList<>(List.of(new Particle(7, new double[] {1.5, -2}, "a"),
                        new Particle(8, new double[] {0, 3.25}, "b"))));
                assertTrue(p.bytes() > 20 && p.real());
                mpi.send(p, 1, 4);
            } else {
                Status s = mpi.recv(1 << 16, 0, 4);
                @SuppressWarnings("unchecked")
                List<Particle> list = (List<Particle>) s.payload().object();
                got.add(list.get(1).label() + list.get(1).position()[1] + "/" + list.get(0).id() + "/" + s.bytes());
            }
        });
        assertEquals(1, got.size());
        assertTrue(got.get(0).startsWith("b3.25/7/"), got.get(0));
    }
}
