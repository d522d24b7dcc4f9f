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
