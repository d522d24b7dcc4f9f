package org.bxiemu.mpi;

import static org.bxiemu.mpi.ClusterJobs.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.JobFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.ReduceOp;
import org.junit.jupiter.api.Test;

/**
 * Ranks of one node talk through shared node memory ({@code mpi.shm}): real bytes, faster than
 * the NIC and without it, MPI matching across both transports, and the two ways a receiver learns
 * of a message (polling, or the sender's SENDUIPI).
 */
class SharedMemoryTest {
    private static Config config(int nodes, int ranksPerNode, String extra) {
        return ClusterJobs.star(nodes, ranksPerNode, extra);
    }

    private static RunResult run(Config config, RankProgram program) {
        return ClusterJobs.run(config, program, Durations.S);
    }

    /** Counter {@code name} summed over the components whose id ends with {@code suffix}. */
    private static long counter(RunResult r, String suffix, String name) {
        return r.components().stream().filter(c -> c.getId().endsWith(suffix))
                .flatMap(c -> c.getCountersList().stream()).filter(k -> k.getName().equals(name))
                .mapToLong(k -> k.getValue()).sum();
    }

    private static Map<String, Long> counters(RunResult r, String id) {
        Map<String, Long> out = new TreeMap<>();
        r.components().stream().filter(c -> c.getId().equals(id))
                .forEach(c -> c.getCountersList().forEach(k -> out.put(k.getName(), k.getValue())));
        return out;
    }

    private static final int[] SIZES = {8, 4096, 256 * 1024};

    /** Round trips of SIZES between ranks 0 and 1 of one node; the echo checked byte for byte. */
    private static long[] pingPong(String shm, RunResult[] result) {
        long[] times = new long[SIZES.length];
        result[0] = run(config(1, 2, "mpi.shm = " + shm), mpi -> ClusterJobs.echoPingPong(mpi, SIZES, times, n -> {}));
        return times;
    }

    @Test
    void pingPongOnOneNodeCarriesTheBytesFasterThanTheNicAndSendsNoPacket() {
        RunResult[] shm = new RunResult[1];
        RunResult[] nic = new RunResult[1];
        long[] viaShm = pingPong("on", shm);
        long[] viaNic = pingPong("off", nic);
        // eager sizes: two copies beat PCIe, NIC and wire; above the slot size one copy at
        // mpi.costs.copy-bandwidth (10 GB/s) against the NIC's 100 Gb/s DMA: the NIC may win there
        for (int i = 0; i < 2; i++) {
            assertTrue(viaShm[i] < viaNic[i], SIZES[i] + " B: shared memory " + viaShm[i] + " ps, NIC " + viaNic[i] + " ps");
        }
        assertTrue(viaShm[0] < viaNic[0] / 2, "a small round trip skips the NIC's PCIe and wire: " + viaShm[0] + " vs " + viaNic[0]);
        assertEquals(0, counter(shm[0], ".nic", "nic.packets.sent"), "no packet for intra-node traffic");
        assertTrue(counter(nic[0], ".nic", "nic.packets.sent") > 0, "with mpi.shm = off the NIC loops them back");
        assertEquals(2 * (SIZES.length + 1), counter(shm[0], "", "mpi.shm.messages"));
    }

    @Test
    void anySourceMatchesFromBothTransportsInMpiOrder() {
        // ranks 0 and 1 on node 0, 2 and 3 on node 1: rank 0 hears rank 1 through shared memory,
        // ranks 2 and 3 through the NIC, all on ANY_SOURCE receives
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        RunResult r = run(config(2, 2, ""), mpi -> {
            if (mpi.rank() == 0) {
                // half posted before anything comes (on both transports), half after (unexpected)
                List<Request> early = new ArrayList<>();
                for (int k = 0; k < 6; k++) early.add(mpi.irecv(64, Mpi.ANY_SOURCE, 7));
                for (Request q : early) {
                    Status s = mpi.waitFor(q);
                    seen.add(s.source() + ":" + s.payload().data()[0]);
                }
                mpi.compute(100 * Durations.US);
                for (int k = 0; k < 6; k++) {
                    Status s = mpi.recv(64, Mpi.ANY_SOURCE, Mpi.ANY_TAG);
                    seen.add(s.source() + ":" + s.payload().data()[0]);
                }
            } else {
                mpi.compute(5 * Durations.US);
                for (int k = 0; k < 4; k++) mpi.send(Payload.of(new byte[] {(byte) (10 * mpi.rank() + k)}), 0, 7);
            }
        });
        assertEquals(12, seen.size(), seen.toString());
        for (int sender = 1; sender <= 3; sender++) {
            List<String> from = new ArrayList<>();
            for (String s : seen) if (s.startsWith(sender + ":")) from.add(s);
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 4; k++) expected.add(sender + ":" + (10 * sender + k));
            assertEquals(expected, from, "sender " + sender + "'s messages in its order: " + seen);
        }
        assertEquals(4, counter(r, "", "mpi.shm.messages"), "only rank 1's messages went through shared memory");
    }

    @Test
    void aReceiveTheNicMatchedWhileSharedMemoryClaimedItGetsTheNicMessage() {
        // an eager message from another node matches rank 0's first ANY_SOURCE receive at its first
        // packet, its event comes with the last; a cell from rank 1 arriving in between matches the
        // same receive, whose unlink then fails: the cell must go to the second receive. The
        // cell's delay sweeps across that window, one round each.
        int rounds = 24;
        int size = 60 * 1024;
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        RunResult r = run(config(2, 2, "mpi.eager-threshold = 64KiB"), mpi -> {
            for (int round = 0; round < rounds; round++) {
                mpi.barrier();
                if (mpi.rank() == 0) {
                    Request first = mpi.irecv(size, Mpi.ANY_SOURCE, round);
                    Request second = mpi.irecv(size, Mpi.ANY_SOURCE, round);
                    Status a = mpi.waitFor(first);
                    Status b = mpi.waitFor(second);
                    assertEquals(java.util.Set.of(1, 2), java.util.Set.of(a.source(), b.source()), "round " + round);
                    for (Status s : List.of(a, b)) {
                        int n = s.source() == 2 ? size : 16;
                        assertArrayEquals(bytes(n, round + s.source()), s.payload().data(), "round " + round);
                    }
                    got.add(round + ":" + a.source());
                } else if (mpi.rank() == 2) {
                    mpi.compute(5 * Durations.US);
                    mpi.send(Payload.of(bytes(size, round + 2)), 0, round);
                } else if (mpi.rank() == 1) {
                    mpi.compute(5 * Durations.US + round * 400 * Durations.NS);
                    mpi.send(Payload.of(bytes(16, round + 1)), 0, round);
                }
            }
        });
        assertEquals(rounds, got.size());
        assertTrue(counter(r, "", "mpi.shm.unlink-too-late") > 0, "the race happened in some round: " + got);
        assertTrue(got.contains("0:1") && got.stream().anyMatch(s -> s.endsWith(":2")), "either transport can win: " + got);
    }

    @Test
    void perSenderOrderHoldsThroughAFullRingAndSingleCopyMessages() {
        List<Integer> tagOne = Collections.synchronizedList(new ArrayList<>());
        List<Integer> tagTwo = Collections.synchronizedList(new ArrayList<>());
        run(config(1, 2, "mpi.shm-slots = 4\nmpi.shm-slot-size = 1KiB"), mpi -> {
            if (mpi.rank() == 1) {
                List<Request> sends = new ArrayList<>();
                for (int k = 0; k < 40; k++) {
                    int n = k % 10 == 5 ? 4096 : 8; // some above the slot size: single copy
                    byte[] b = bytes(n, k);
                    b[0] = (byte) k;
                    sends.add(mpi.isend(Payload.of(b), 0, 1 + k % 2));
                }
                for (Request q : sends) mpi.waitFor(q);
            } else {
                mpi.compute(50 * Durations.US); // everything that fits is unexpected by now
                for (int k = 0; k < 20; k++) tagTwo.add((int) mpi.recv(4096, 1, 2).payload().data()[0]);
                for (int k = 0; k < 20; k++) tagOne.add((int) mpi.recv(4096, 1, 1).payload().data()[0]);
            }
        });
        List<Integer> odd = new ArrayList<>();
        List<Integer> even = new ArrayList<>();
        for (int k = 0; k < 40; k++) (k % 2 == 0 ? even : odd).add(k);
        assertEquals(even, tagOne);
        assertEquals(odd, tagTwo);
    }

    @Test
    void aMessageLargerThanTheReceiveIsATruncationErrorThroughSharedMemoryToo() {
        for (int size : new int[] {1000, 100_000}) {
            RuntimeException e = assertThrows(JobFailedException.class, () -> run(config(1, 2, ""), mpi -> {
                if (mpi.rank() == 0) mpi.send(Payload.modelled(size), 1, 0);
                else mpi.recv(100, 0, 0);
            }));
            assertTrue(String.valueOf(e.getMessage()).contains("MPI_ERR_TRUNCATE"), e.getMessage());
            assertTrue(e.getMessage().contains("program test-1 failed"), e.getMessage());
        }
    }

    private record Overlap(long waitAfterCompute, boolean doneDuringCompute, Map<String, Long> receiver,
            Map<String, Long> sender) {}

    /** Rank 1 posts a receive from rank 0 (same node), computes 300 us, then waits. */
    private static Overlap overlap(String engine, int size) {
        long compute = 300 * Durations.US;
        long[] t = new long[2];
        boolean[] done = new boolean[1];
        RunResult r = run(config(1, 2, "mpi.progress = " + engine), mpi -> {
            if (mpi.rank() == 0) {
                mpi.compute(20 * Durations.US);
                mpi.send(Payload.of(bytes(size, 3)), 1, 5);
            } else {
                Request q = mpi.irecv(size, 0, 5);
                mpi.compute(compute);
                done[0] = q.done();
                t[0] = mpi.now();
                assertArrayEquals(bytes(size, 3), mpi.waitFor(q).payload().data());
                t[1] = mpi.now();
            }
        });
        return new Overlap(t[1] - t[0], done[0], counters(r, "n0000.core1"), counters(r, "n0000.core0"));
    }

    @Test
    void withUintrTheSendersInterruptCompletesAReceiveDuringComputeWithPollOnlyInTheWait() {
        for (int size : new int[] {4096, 1 << 20}) {
            Overlap uintr = overlap("uintr", size);
            Overlap poll = overlap("poll", size);
            assertTrue(uintr.doneDuringCompute(), size + " B: the handler completed the receive during the compute");
            assertTrue(uintr.receiver().getOrDefault("core.uintr.deliveries", 0L) > 0, "receiver: " + uintr.receiver());
            assertTrue(uintr.sender().getOrDefault("core.uintr.senduipi", 0L) > 0, "sender: " + uintr.sender());
            assertTrue(uintr.waitAfterCompute() < Durations.US, "uintr wait: " + uintr.waitAfterCompute());
            assertFalse(poll.doneDuringCompute(), size + " B: with poll nothing moves during the compute");
            assertEquals(0L, poll.receiver().getOrDefault("core.uintr.deliveries", 0L));
            assertEquals(0L, poll.sender().getOrDefault("core.uintr.senduipi", 0L));
            assertTrue(poll.waitAfterCompute() > uintr.waitAfterCompute(), "poll copies in the wait: "
                    + poll.waitAfterCompute() + " vs " + uintr.waitAfterCompute());
        }
        // 1 MiB copied at 10 GB/s: about 100 us that poll spends in the wait
        assertTrue(overlap("poll", 1 << 20).waitAfterCompute() > 100 * Durations.US);
    }

    private static List<String> collectives(String shm) {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        run(config(2, 3, "mpi.shm = " + shm), mpi -> {
            Buffer send = Buffer.ofLongs(mpi.rank(), 3L * mpi.rank() + 1, 7);
            Buffer sum = Buffer.allocate(send.datatype(), send.count());
            mpi.allreduce(send, sum, ReduceOp.SUM);
            Buffer big = Buffer.allocate(send.datatype(), 4096);
            for (int i = 0; i < 4096; i++) big.set(i, (long) i * (mpi.rank() + 1));
            Buffer bigMax = Buffer.allocate(send.datatype(), 4096);
            mpi.allreduce(big, bigMax, ReduceOp.MAX);
            Buffer root = mpi.rank() == 2 ? Buffer.ofLongs(5, 6, 7, 8) : Buffer.allocate(send.datatype(), 4);
            mpi.bcast(root, 2);
            Buffer all = Buffer.allocate(send.datatype(), mpi.size());
            mpi.allgather(Buffer.ofLongs(10L * mpi.rank()), all);
            Buffer mine = Buffer.allocate(send.datatype(), mpi.size());
            for (int i = 0; i < mpi.size(); i++) mine.set(i, 100L * mpi.rank() + i);
            Buffer swapped = Buffer.allocate(send.datatype(), mpi.size());
            mpi.alltoall(mine, swapped);
            mpi.barrier();
            out.add(mpi.rank() + " " + str(sum) + " " + bigMax.getLong(4095) + " " + str(root) + " " + str(all) + " "
                    + str(swapped));
        });
        Collections.sort(out);
        return out;
    }

    private static String str(Buffer b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.count(); i++) s.append(i == 0 ? "" : ",").append(b.getLong(i));
        return s.toString();
    }

    @Test
    void collectivesWithSeveralRanksPerNodeGiveTheSameValuesAsThroughTheNic() {
        List<String> shm = collectives("on");
        assertEquals(collectives("off"), shm);
        assertEquals(6, shm.size());
        assertTrue(shm.get(0).startsWith("0 15,51,42 24570 5,6,7,8 0,10,20,30,40,50 0,100,200,300,400,500"), shm.get(0));
    }

    @Test
    void theSameRunGivesTheSameDigest() {
        RankProgram program = mpi -> {
            Request r = mpi.irecv(64 * 1024, Mpi.ANY_SOURCE, 1);
            mpi.send(Payload.modelled(mpi.rank() % 2 == 0 ? 64 * 1024 : 100), (mpi.rank() + 1) % mpi.size(), 1);
            mpi.compute(10 * Durations.US);
            mpi.waitFor(r);
            Buffer sum = Buffer.allocate(org.bxiemu.mpi.collective.Datatype.LONG, 2);
            mpi.allreduce(Buffer.ofLongs(mpi.rank(), 1), sum, ReduceOp.SUM);
        };
        String first = run(config(2, 3, "mpi.progress = uintr"), program).digest();
        String second = run(config(2, 3, "mpi.progress = uintr"), program).digest();
        assertEquals(first, second);
    }

    @Test
    void everyEngineWaitsForSharedMemoryMessages() {
        // two ranks on each of two nodes, two idle cores per node (pollers, spare progress threads)
        for (String engine : List.of("poll", "uintr", "signal", "eventfd", "progress-thread", "idle-poll", "offload")) {
            List<Integer> got = Collections.synchronizedList(new ArrayList<>());
            run(config(2, 2, "mpi.progress = " + engine), mpi -> {
                int right = (mpi.rank() + 1) % mpi.size();
                int left = (mpi.rank() + mpi.size() - 1) % mpi.size();
                Request r = mpi.irecv(64 * 1024, left, 0);
                mpi.compute(mpi.rank() * 3 * Durations.US);
                mpi.send(Payload.of(bytes(mpi.rank() % 2 == 0 ? 64 * 1024 : 16, mpi.rank())), right, 0);
                got.add(mpi.waitFor(r).payload().data()[0] * 10 + mpi.rank());
                Buffer sum = Buffer.allocate(org.bxiemu.mpi.collective.Datatype.LONG, 1);
                mpi.allreduce(Buffer.ofLongs(mpi.rank()), sum, ReduceOp.SUM);
                assertEquals(6, sum.getLong(0), engine);
            });
            Collections.sort(got);
            // each rank got its left neighbour's rank (the first byte), times ten, plus its own
            assertEquals(List.of(1, 12, 23, 30), got, engine);
        }
    }

    private record Sleep(long waited, Map<String, Long> receiver, Map<String, Long> sender) {}

    /** What rank 1 (on rank 0's node) does; returns how long its first receive waited. */
    private interface Receiver {
        long run(Mpi mpi) throws Exception;
    }

    /** Runs rank 0's {@code sender} and rank 1's {@code receiver} on one node with {@code settings}. */
    private static Sleep sameNode(String settings, RankProgram sender, Receiver receiver) {
        long[] waited = new long[1];
        RunResult r = run(config(1, 2, settings), mpi -> {
            if (mpi.rank() == 0) sender.run(mpi);
            else waited[0] = receiver.run(mpi);
        });
        return new Sleep(waited[0], counters(r, "n0000.core1"), counters(r, "n0000.core0"));
    }

    /** With eventfd, rank 1 waits at once for a message rank 0 (same node) sends after 50 us. */
    private static Sleep sleep(String notify) {
        return sameNode("mpi.progress = eventfd\nmpi.shm-notify = " + notify, mpi -> {
            mpi.compute(50 * Durations.US);
            mpi.send(Payload.of(bytes(4096, 9)), 1, 3);
        }, mpi -> {
            long start = mpi.now();
            assertArrayEquals(bytes(4096, 9), mpi.recv(4096, 0, 3).payload().data());
            return mpi.now() - start;
        });
    }

    @Test
    void withEventfdAWaitingReceiverSleepsAndTheSenderWakesItWithAWrite() {
        Sleep sleeps = sleep("eventfd");
        Sleep spins = sleep("poll");
        // the sender writes the eventfd once; the receiver slept instead of spinning 50 us
        assertEquals(1L, sleeps.sender().getOrDefault("mpi.shm.eventfd-writes", 0L), "sender: " + sleeps.sender());
        assertTrue(sleeps.receiver().getOrDefault("mpi.shm.eventfd-sleeps", 0L) >= 1, "receiver: " + sleeps.receiver());
        long slept = sleeps.receiver().getOrDefault("core.time.polling", 0L);
        long spun = spins.receiver().getOrDefault("core.time.polling", 0L);
        assertTrue(spun > 45 * Durations.US, "poll spins through the sender's compute: " + spun);
        assertTrue(slept < 5 * Durations.US, "eventfd sleeps through it: " + slept);
        assertEquals(0L, spins.sender().getOrDefault("mpi.shm.eventfd-writes", 0L));
        // waking through the kernel costs the receiver a few microseconds more than noticing the word
        assertTrue(sleeps.waited() > spins.waited(), sleeps.waited() + " vs " + spins.waited());
        assertTrue(sleeps.waited() < spins.waited() + 20 * Durations.US, sleeps.waited() + " vs " + spins.waited());
    }

    /**
     * Rank 1 waits for a message rank 0 (same node) sends after 50 us, then computes 100 us with
     * a second one on its way; returns the first wait and the counters of rank 0 and rank 1.
     */
    private static Sleep spinThenCompute(String notify) {
        return sameNode("mpi.progress = uintr\nmpi.shm-notify = " + notify, mpi -> {
            mpi.compute(50 * Durations.US);
            mpi.send(Payload.of(bytes(4096, 4)), 1, 3);
            mpi.compute(10 * Durations.US);
            mpi.send(Payload.of(bytes(64, 5)), 1, 4);
        }, mpi -> {
            long start = mpi.now();
            assertArrayEquals(bytes(4096, 4), mpi.recv(4096, 0, 3).payload().data());
            long waited = mpi.now() - start;
            Request late = mpi.irecv(64, 0, 4);
            mpi.compute(100 * Durations.US);
            assertEquals(notify.equals("uintr"), late.done(), "taken during the compute (" + notify + ")");
            assertArrayEquals(bytes(64, 5), mpi.waitFor(late).payload().data());
            return waited;
        });
    }

    @Test
    void withUintrAReceiverInAWaitIsNotInterruptedButOneComputingIs() {
        Sleep uintr = spinThenCompute("uintr");
        Sleep poll = spinThenCompute("poll");
        // the first message finds the receiver in its wait: no interrupt; the second, computing: one
        assertEquals(1L, uintr.sender().getOrDefault("mpi.shm.senduipi-skipped-spinning", 0L), "sender: " + uintr.sender());
        assertEquals(1L, uintr.sender().getOrDefault("mpi.shm.senduipi", 0L), "sender: " + uintr.sender());
        assertEquals(1L, uintr.receiver().getOrDefault("core.uintr.deliveries", 0L), "receiver: " + uintr.receiver());
        // in the wait it sees the message as a receiver that only polls does
        assertTrue(Math.abs(uintr.waited() - poll.waited()) < Durations.US, uintr.waited() + " vs " + poll.waited());
    }

    @Test
    void eventfdNotificationNeedsTheEventfdEngine() {
        BadInputException e = assertThrows(BadInputException.class, () -> MpiSettings.from(config(1, 2,
                "mpi.shm-notify = eventfd\nmpi.progress = uintr")));
        assertTrue(e.getMessage().startsWith("mpi.shm-notify = eventfd needs"), e.getMessage());
    }

    @Test
    void uintrNotificationNeedsAUserInterruptEngine() {
        BadInputException e = assertThrows(BadInputException.class, () -> MpiSettings.from(config(1, 2,
                "mpi.shm-notify = uintr\nmpi.progress = poll")));
        assertTrue(e.getMessage().startsWith("mpi.shm-notify = uintr needs"), e.getMessage());
    }
}
