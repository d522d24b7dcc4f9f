package org.bxiemu.nic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliableStreamsTest {
    private static List<String> frames(List<ReliableStreams.Delivered<String>> d) {
        return d.stream().map(ReliableStreams.Delivered::frame).toList();
    }

    @Test
    void inOrderDeliveryDuplicateSuppressionAndCumulativeAcks() {
        ReliableStreams<String> rx = new ReliableStreams<>(1000);
        assertEquals(-1, rx.cumulativeAck(3));
        assertEquals(List.of("a"), frames(rx.receive(3, 0, "a")));
        assertEquals(List.of(), frames(rx.receive(3, 2, "c")), "c overtook b: held");
        assertEquals(List.of(), frames(rx.receive(3, 2, "c")), "duplicate of a held packet");
        assertEquals(0, rx.cumulativeAck(3));
        assertEquals(List.of("b", "c"), frames(rx.receive(3, 1, "b")), "b releases c behind it");
        assertEquals(List.of(), frames(rx.receive(3, 1, "b")), "late duplicate");
        assertEquals(2, rx.cumulativeAck(3));
        assertEquals(2, rx.duplicates());
        assertEquals(-1, rx.cumulativeAck(4), "streams are per peer");
    }

    @Test
    void unacknowledgedPacketsAreRetransmittedAfterTheTimeoutOnly() {
        ReliableStreams<String> tx = new ReliableStreams<>(1000);
        assertEquals(0, tx.send(7, "x"));
        assertEquals(1, tx.send(7, "y"));
        assertEquals(0, tx.send(8, "z"));
        assertEquals(Long.MAX_VALUE, tx.nextDeadline(), "nothing has left yet: nothing can time out");
        assertEquals(List.of(), tx.expired(1_000_000));
        tx.transmitted(7, 0, 0);
        tx.transmitted(7, 1, 10);
        tx.transmitted(8, 0, 20);
        assertEquals(1000, tx.nextDeadline());
        assertEquals(List.of(), tx.expired(999));
        tx.acknowledge(7, 0);
        List<ReliableStreams.Unacked<String>> due = tx.expired(1020);
        assertEquals(List.of("y", "z"), due.stream().map(ReliableStreams.Unacked::frame).toList());
        assertEquals(Long.MAX_VALUE, tx.nextDeadline(), "due packets wait to be sent again");
        tx.transmitted(7, 1, 1020);
        tx.transmitted(8, 0, 1020);
        assertEquals(3020, tx.nextDeadline(), "a resent packet waits twice as long (backoff)");
        tx.acknowledge(7, 1);
        tx.acknowledge(8, 0);
        assertEquals(0, tx.unacknowledged());
        assertEquals(Long.MAX_VALUE, tx.nextDeadline());
        assertEquals(2, tx.retransmissions());
    }

    /**
     * Random sends, transmissions (in and out of order, repeated), acknowledgements and expiries
     * over three peers, checked after every step against a plain list of every unacknowledged
     * packet: the next deadline, what expires, and how many remain.
     */
    @Test
    void theNextDeadlineAndTheExpiredPacketsAreThoseOfAPlainList() {
        ReliableStreams<Integer> tx = new ReliableStreams<>(100);
        SplittableRandom r = new SplittableRandom(5);
        java.util.TreeMap<String, ReliableStreams.Unacked<Integer>> model = new java.util.TreeMap<>();
        long[] next = new long[3];
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            now += r.nextLong(20);
            int peer = r.nextInt(3);
            switch (r.nextInt(4)) {
                case 0 -> {
                    long seq = tx.send(peer, step);
                    assertEquals(next[peer]++, seq);
                    model.put(key(peer, seq), new ReliableStreams.Unacked<>(peer, seq, step, false, 0, 0));
                }
                case 1 -> {
                    long seq = next[peer] == 0 ? 0 : r.nextLong(next[peer]);
                    tx.transmitted(peer, seq, now);
                    ReliableStreams.Unacked<Integer> u = model.get(key(peer, seq));
                    if (u != null) {
                        model.put(key(peer, seq), new ReliableStreams.Unacked<>(peer, seq, u.frame(), true, now,
                                u.attempts()));
                    }
                }
                case 2 -> {
                    long upTo = next[peer] == 0 ? -1 : r.nextLong(next[peer]);
                    tx.acknowledge(peer, upTo);
                    model.values().removeIf(u -> u.peer() == peer && u.sequence() <= upTo);
                }
                default -> {
                    List<ReliableStreams.Unacked<Integer>> expected = new ArrayList<>();
                    for (var e : model.entrySet()) {
                        ReliableStreams.Unacked<Integer> u = e.getValue();
                        if (u.inFlight() && now >= deadline(u)) {
                            ReliableStreams.Unacked<Integer> retried = new ReliableStreams.Unacked<>(u.peer(),
                                    u.sequence(), u.frame(), false, 0, u.attempts() + 1);
                            e.setValue(retried);
                            expected.add(retried);
                        }
                    }
                    assertEquals(expected, tx.expired(now), "step " + step);
                }
            }
            long earliest = model.values().stream().filter(ReliableStreams.Unacked::inFlight)
                    .mapToLong(ReliableStreamsTest::deadline).min().orElse(Long.MAX_VALUE);
            assertEquals(earliest, tx.nextDeadline(), "step " + step);
            assertEquals(model.size(), tx.unacknowledged(), "step " + step);
        }
        assertTrue(tx.retransmissions() > 100, "the walk retried packets: " + tx.retransmissions());
    }

    /** Sorts as (peer, sequence). */
    private static String key(int peer, long sequence) {
        return String.format("%d/%020d", peer, sequence);
    }

    private static long deadline(ReliableStreams.Unacked<Integer> u) {
        return u.sentAt() + (100L << Math.min(u.attempts(), 10));
    }

    @Test
    void aLossyChannelDeliversEverythingExactlyOnceInOrder() {
        ReliableStreams<Integer> tx = new ReliableStreams<>(50);
        ReliableStreams<Integer> rx = new ReliableStreams<>(50);
        SplittableRandom loss = new SplittableRandom(1);
        List<Integer> received = new ArrayList<>();
        long now = 0;
        List<ReliableStreams.Unacked<Integer>> wire = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long seq = tx.send(1, i);
            tx.transmitted(1, seq, now);
            wire.add(new ReliableStreams.Unacked<>(1, seq, i, true, now, 0));
        }
        while (received.size() < 1000) {
            for (ReliableStreams.Unacked<Integer> u : wire) {
                if (loss.nextDouble() < 0.2) continue; // lost, or reordered away
                rx.receive(0, u.sequence(), u.frame()).forEach(d -> received.add(d.frame()));
            }
            if (loss.nextDouble() >= 0.2) tx.acknowledge(1, rx.cumulativeAck(0));
            now += 60;
            wire = tx.expired(now);
            for (ReliableStreams.Unacked<Integer> u : wire) tx.transmitted(u.peer(), u.sequence(), now);
            assertTrue(now < 1_000_000, "converges");
        }
        for (int i = 0; i < 1000; i++) assertEquals(i, received.get(i));
    }
}
