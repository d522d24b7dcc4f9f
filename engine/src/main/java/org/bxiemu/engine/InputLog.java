package org.bxiemu.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.protocol.engine.WireEvent;

/**
 * The events a group of components holding code ({@link Component#holdsCode}) received from
 * other groups, in the order it handled them (docs/engine.md, "Checkpoints"). No state image can
 * hold a program's fiber, so a checkpoint keeps the group's inputs instead, and a resumed run
 * rebuilds the group by replaying them into freshly built components: the group's state is a
 * function of its inputs in the total order, as every event's place in that order comes from its
 * sender alone. This is receiver-based message logging (Elnozahy, Alvisi, Wang, Johnson, "A survey
 * of rollback-recovery protocols in message-passing systems", ACM Computing Surveys 34(3), 2002:
 * a process is recovered by re-executing it against its logged receipts).
 * Events are kept as length-delimited {@link WireEvent}s, the form in which they cross JVMs.
 */
final class InputLog {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    /** Why the group's inputs cannot be logged (an in-process message crossed into it), or null. */
    private String gap;

    /** A log that starts with the events received before a checkpoint this run continues from. */
    InputLog(byte[] received) {
        bytes.writeBytes(received);
    }

    /** Appends an event from another group (its sender is in the order's high bits). */
    void add(long time, long order, int target, int port, Object payload, Platform platform) {
        if (gap != null) return;
        WireEvent e = encode(time, order, target, port, payload, platform);
        if (e == null) {
            gap = "a " + payload.getClass().getName() + " from " + platform.id(sender(order))
                    + " crossed into it, and only wire messages can be logged";
            return;
        }
        write(e, bytes);
    }

    /** The log so far, or null when it has a gap ({@link #gap}). */
    byte[] received() {
        return gap == null ? bytes.toByteArray() : null;
    }

    String gap() {
        return gap;
    }

    /** Encodes events in flight to the group from other groups at a checkpoint; null if one cannot be. */
    static byte[] encode(List<ComponentImages.PendingEvent> events, Platform platform) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ComponentImages.PendingEvent p : events) {
            WireEvent e = encode(p.time(), p.order(), p.target(), p.port(), p.payload(), platform);
            if (e == null) return null;
            write(e, out);
        }
        return out.toByteArray();
    }

    /** Decodes a log's events; a damaged log is refused (its checkpoint cannot be resumed). */
    static List<ComponentImages.PendingEvent> decode(byte[] log) {
        List<ComponentImages.PendingEvent> events = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(log);
        try {
            while (true) {
                WireEvent e = WireEvent.parseDelimitedFrom(in);
                if (e == null) return events;
                long order = ((long) e.getSender() << Component.SEQUENCE_BITS) | e.getSequence();
                events.add(new ComponentImages.PendingEvent(e.getTime(), order, e.getTarget(), e.getPort(),
                        Payloads.unwrap(e.getPayload())));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("a damaged input log (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int sender(long order) {
        return (int) (order >>> Component.SEQUENCE_BITS);
    }

    private static WireEvent encode(long time, long order, int target, int port, Object payload, Platform platform) {
        int sender = sender(order);
        if (!Payloads.canWrap(payload)) return null;
        return WireEvent.newBuilder().setTime(time).setSender(sender).setSequence(order & Component.MAX_SEQUENCE)
                .setTarget(target).setPort(port).setPayload(Payloads.wrap(payload, platform.id(sender))).build();
    }

    private static void write(WireEvent e, ByteArrayOutputStream out) {
        try {
            e.writeDelimitedTo(out);
        } catch (IOException x) {
            throw new UncheckedIOException(x); // a byte array stream does not fail
        }
    }
}
