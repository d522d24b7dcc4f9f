package org.bxiemu.nic.transport;

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
    /**
     * The retransmission deadlines of the packets in flight, with their counts: the next one is
     * found without visiting every unacknowledged packet (a bandwidth test keeps thousands in
     * flight, and the NIC asks after each transmission).
     */
    private final TreeMap<Long, Integer> deadlines = new TreeMap<>();
    private long retransmissions;
    private long duplicates;

    /**
     * A peer's unacknowledged packets, oldest first, in a ring: their sequence numbers are
     * consecutive (sent in order, acknowledged from the oldest), so a packet is found by its
     * sequence number directly.
     */
    private static final class Sender<F> {
        long nextSequence;
        @SuppressWarnings("unchecked")
        private Unacked<F>[] ring = new Unacked[16];
        private int head;
        private int size;

        int size() {
            return size;
        }

        Unacked<F> get(int i) {
            return ring[(head + i) & (ring.length - 1)];
        }

        void set(int i, Unacked<F> u) {
            ring[(head + i) & (ring.length - 1)] = u;
        }

        /** The position of {@code sequence} in the window, or -1 if it is not unacknowledged. */
        int indexOf(long sequence) {
            if (size == 0) return -1;
            long i = sequence - get(0).sequence();
            return i >= 0 && i < size ? (int) i : -1;
        }

        void addLast(Unacked<F> u) {
            if (size == ring.length) {
                @SuppressWarnings("unchecked")
                Unacked<F>[] bigger = new Unacked[ring.length * 2];
                for (int i = 0; i < size; i++) bigger[i] = get(i);
                ring = bigger;
                head = 0;
            }
            ring[(head + size++) & (ring.length - 1)] = u;
        }

        Unacked<F> pollFirst() {
            Unacked<F> u = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return u;
        }
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
        s.addLast(new Unacked<>(peer, sequence, frame, false, 0, 0));
        return sequence;
    }

    /** The packet left the NIC at {@code now}: its timeout starts. Ignored if it was acknowledged meanwhile. */
    public void transmitted(int peer, long sequence, long now) {
        Sender<F> s = senders.get(peer);
        if (s == null) return;
        int i = s.indexOf(sequence);
        if (i < 0) return;
        Unacked<F> u = s.get(i);
        if (u.inFlight()) forgetDeadline(u);
        Unacked<F> sent = u.withTransmission(now);
        s.set(i, sent);
        deadlines.merge(deadlineOf(sent), 1, Integer::sum);
    }

    /** {@code peer} has received every sequence number up to {@code cumulative} included. */
    public void acknowledge(int peer, long cumulative) {
        Sender<F> s = senders.get(peer);
        if (s == null) return;
        while (s.size() > 0 && s.get(0).sequence() <= cumulative) {
            Unacked<F> u = s.pollFirst();
            if (u.inFlight()) forgetDeadline(u);
        }
    }

    /**
     * Packets whose timeout expired at {@code now}, in (peer, sequence) order; they wait for
     * {@link #transmitted} again. Returns them for the NIC to retransmit.
     */
    public List<Unacked<F>> expired(long now) {
        if (nextDeadline() > now) return List.of();
        List<Unacked<F>> due = new ArrayList<>();
        for (Sender<F> s : senders.values()) {
            for (int i = 0; i < s.size(); i++) {
                Unacked<F> u = s.get(i);
                if (u.inFlight() && now >= deadlineOf(u)) {
                    forgetDeadline(u);
                    u = u.retried();
                    s.set(i, u);
                    due.add(u);
                    retransmissions++;
                }
            }
        }
        return due;
    }

    private long deadlineOf(Unacked<F> u) {
        return u.sentAt() + (timeout << Math.min(u.attempts(), MAX_BACKOFF));
    }

    private void forgetDeadline(Unacked<F> u) {
        deadlines.compute(deadlineOf(u), (d, n) -> n == 1 ? null : n - 1);
    }

    /** Earliest time a retransmission may become due, or {@code Long.MAX_VALUE} if nothing is unacknowledged. */
    public long nextDeadline() {
        return deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.firstKey();
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
        for (Sender<F> s : senders.values()) n += s.size();
        return n;
    }

    public long retransmissions() {
        return retransmissions;
    }

    public long duplicates() {
        return duplicates;
    }
}
