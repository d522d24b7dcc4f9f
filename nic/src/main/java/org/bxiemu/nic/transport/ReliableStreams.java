package org.bxiemu.nic.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * End-to-end reliability between one NIC and its peers: a sequence number per packet and per
 * peer, cumulative acknowledgements, retransmission of what is not acknowledged after a timeout,
 * and, at the receiver, duplicate suppression and in-order release (packets that overtake a
 * lost one wait for it). A message is thus delivered exactly once, in order, even when links
 * drop or corrupt packets. Pure logic: the NIC supplies the clock and does the sending.
 *
 * @param <F> what a packet carries
 */
public final class ReliableStreams<F> {
    /**
     * A packet held until acknowledged: its sequence number and content, and whether and when it
     * last left the NIC (a packet still queued behind others cannot time out).
     */
    public record Unacked<F>(int peer, long sequence, F frame, boolean inFlight, long sentAt, int attempts) {
        Unacked<F> withTransmission(long now) {
            return new Unacked<>(peer, sequence, frame, true, now, attempts);
        }

        Unacked<F> retried() {
            return new Unacked<>(peer, sequence, frame, false, 0, attempts + 1);
        }
    }

    /** Retries wait twice as long each time (exponential backoff), at most 2^10 timeouts. */
    private static final int MAX_BACKOFF = 10;

    /** A received packet released in order. */
    public record Delivered<F>(int peer, long sequence, F frame) {}

    private final long timeout;
    private final TreeMap<Integer, Sender<F>> senders = new TreeMap<>();
    private final TreeMap<Integer, Receiver<F>> receivers = new TreeMap<>();
    private long retransmissions;
    private long duplicates;

    private static final class Sender<F> {
        long nextSequence;
        final ArrayDeque<Unacked<F>> unacked = new ArrayDeque<>();
    }

    private static final class Receiver<F> {
        long expected;
        final TreeMap<Long, F> early = new TreeMap<>();
    }

    /** @param timeout picoseconds after which an unacknowledged packet is sent again */
    public ReliableStreams(long timeout) {
        if (timeout <= 0) throw new IllegalArgumentException("retransmission timeout must be positive");
        this.timeout = timeout;
    }

    /** Numbers a new packet to {@code peer} and keeps it until acknowledged; returns its sequence number. */
    public long send(int peer, F frame) {
        Sender<F> s = senders.computeIfAbsent(peer, p -> new Sender<>());
        long sequence = s.nextSequence++;
        s.unacked.addLast(new Unacked<>(peer, sequence, frame, false, 0, 0));
        return sequence;
    }

    /** The packet left the NIC at {@code now}: its timeout starts. Ignored if it was acknowledged meanwhile. */
    public void transmitted(int peer, long sequence, long now) {
        Sender<F> s = senders.get(peer);
        if (s == null) return;
        int n = s.unacked.size();
        for (int i = 0; i < n; i++) {
            Unacked<F> u = s.unacked.pollFirst();
            if (u.sequence() == sequence) u = u.withTransmission(now);
            s.unacked.addLast(u);
        }
    }

    /** {@code peer} has received every sequence number up to {@code cumulative} included. */
    public void acknowledge(int peer, long cumulative) {
        Sender<F> s = senders.get(peer);
        if (s == null) return;
        while (!s.unacked.isEmpty() && s.unacked.peekFirst().sequence() <= cumulative) s.unacked.pollFirst();
    }

    /**
     * Packets whose timeout expired at {@code now}, in (peer, sequence) order; they wait for
     * {@link #transmitted} again. Returns them for the NIC to retransmit.
     */
    public List<Unacked<F>> expired(long now) {
        List<Unacked<F>> due = new ArrayList<>();
        for (Sender<F> s : senders.values()) {
            int n = s.unacked.size();
            for (int i = 0; i < n; i++) {
                Unacked<F> u = s.unacked.pollFirst();
                if (u.inFlight() && now - u.sentAt() >= timeoutOf(u)) {
                    u = u.retried();
                    due.add(u);
                    retransmissions++;
                }
                s.unacked.addLast(u);
            }
        }
        return due;
    }

    private long timeoutOf(Unacked<F> u) {
        return timeout << Math.min(u.attempts(), MAX_BACKOFF);
    }

    /** Earliest time a retransmission may become due, or {@code Long.MAX_VALUE} if nothing is unacknowledged. */
    public long nextDeadline() {
        long earliest = Long.MAX_VALUE;
        for (Sender<F> s : senders.values()) {
            for (Unacked<F> u : s.unacked) {
                if (u.inFlight()) earliest = Math.min(earliest, u.sentAt() + timeoutOf(u));
            }
        }
        return earliest;
    }

    /**
     * A packet arrived from {@code peer}: returns what can now be released in order (nothing for
     * a duplicate or a packet that overtook a missing one).
     */
    public List<Delivered<F>> receive(int peer, long sequence, F frame) {
        Receiver<F> r = receivers.computeIfAbsent(peer, p -> new Receiver<>());
        if (sequence < r.expected || r.early.containsKey(sequence)) {
            duplicates++;
            return List.of();
        }
        if (sequence > r.expected) {
            r.early.put(sequence, frame);
            return List.of();
        }
        List<Delivered<F>> released = new ArrayList<>();
        released.add(new Delivered<>(peer, r.expected++, frame));
        while (!r.early.isEmpty() && r.early.firstKey() == r.expected) {
            released.add(new Delivered<>(peer, r.expected, r.early.pollFirstEntry().getValue()));
            r.expected++;
        }
        return released;
    }

    /** The cumulative acknowledgement to send {@code peer}: the last sequence received in order, or -1. */
    public long cumulativeAck(int peer) {
        Receiver<F> r = receivers.get(peer);
        return r == null ? -1 : r.expected - 1;
    }

    public int unacknowledged() {
        int n = 0;
        for (Sender<F> s : senders.values()) n += s.unacked.size();
        return n;
    }

    public long retransmissions() {
        return retransmissions;
    }

    public long duplicates() {
        return duplicates;
    }
}
