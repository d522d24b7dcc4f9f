package org.bxiemu.engine;

import java.util.SplittableRandom;
import org.bxiemu.engine.stats.Statistics;

/**
 * The base of every emulated part. A component has a stable global id, named ports wired by
 * links, and one event handler. It sees only virtual time ({@link #now()}), its ports, its own
 * deterministic random stream, and its statistics: never the wall clock, never another
 * component directly. The engine hosts it in a Pekko actor ({@link ComponentActor}) or, when
 * fused, calls it on the partition's thread; both give the same results.
 */
public abstract class Component {
    /** Bits of the ordering key given to the sender's sequence number (the rest is the sender index). */
    static final int SEQUENCE_BITS = 40;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private String id;
    private int index;
    /** Structure, not state: a restored component takes them from a fresh one (ComponentImages). */
    private transient Port[] ports;
    private SplittableRandom rng;
    private final Statistics statistics = new Statistics();

    transient EventSink sink;
    /** Spans recorded when engine.trace is on; null otherwise. */
    java.util.List<org.bxiemu.protocol.engine.TraceSpan> spans;
    /** The trace window (spans outside are dropped, those across are clipped). */
    long traceFrom;
    long traceTo = Long.MAX_VALUE;
    long now;
    private long lastOrder = -1;
    private long sequence;
    /** Handles of scheduled events cancelled before delivery (only looked up, never iterated). */
    private java.util.HashSet<Long> cancelled;
    long eventsHandled;
    long eventsSent;
    /** Virtual time at which this component stops for good (a crashed node's parts); -1: never. */
    long haltAt = -1;
    private boolean halted;
    private long droppedWhileHalted;

    /** The self event that stops a component at {@link #haltAt} (never leaves its partition). */
    private record Halt() {}

    private static final Halt HALT = new Halt();

    /** Called once before the first window, at virtual time 0: schedule initial events here. */
    protected void onStart() {}

    /** Handles one event that arrived on {@code port} (or {@link Port#isSelf()} for {@link #schedule}). */
    protected abstract void onEvent(Port port, Object message);

    /**
     * Called on a component restored from a checkpoint's state image once its transient fields
     * (its structure: ports, settings' functions) were taken from a freshly built component:
     * re-derive here what depends on both (the routing function in use after a reroute).
     */
    protected void onRestored() {}

    /**
     * Whether this component's state holds code — a program's fiber, a handler, a condition to
     * wait for — which no state image can hold. A checkpoint then logs the events its group
     * receives from other groups ({@link InputLog}), and a resumed run rebuilds the group by
     * replaying them into freshly built components, instead of restoring an image.
     */
    protected boolean holdsCode() {
        return false;
    }

    /** Called once after the last window, before statistics are exported; {@link #now()} is then the run's end. */
    protected void onFinish() {}

    public final String id() {
        return id;
    }

    protected final long now() {
        return now;
    }

    protected final Port port(String name) {
        for (Port p : ports) {
            if (p.name().equals(name)) return p;
        }
        throw new IllegalArgumentException(id + " has no port '" + name + "'");
    }

    protected final SplittableRandom rng() {
        return rng;
    }

    protected final Statistics stats() {
        return statistics;
    }

    /**
     * Records that this component spent [{@code start}, {@code end}) in a state of {@code category}
     * (compute, library, polling, interrupt, handler, kernel, idle, ...); kept only with engine.trace on.
     */
    protected final void span(String category, String name, long start, long end) {
        if (spans == null) return;
        if (end < start) throw new IllegalArgumentException(id + ": span " + name + " ends before it starts");
        if (end < traceFrom || start >= traceTo || (end == traceFrom && start < end)) return;
        spans.add(org.bxiemu.protocol.engine.TraceSpan.newBuilder().setComponent(id).setCategory(category)
                .setName(name).setStart(Math.max(start, traceFrom)).setEnd(Math.min(end, traceTo)).build());
    }

    /** Sends over a point-to-point port; arrives after the link's latency. */
    protected final void send(Port port, Object message) {
        send(port, message, 0);
    }

    /** Sends over a point-to-point port; arrives after the link's latency plus {@code extraDelay} ps. */
    protected final void send(Port port, Object message, long extraDelay) {
        Link link = wired(port);
        if (!(link instanceof Link.PointToPoint p2p)) {
            throw new IllegalStateException(id + ": port " + port + " is a mesh; use sendTo");
        }
        emit(now + p2p.latency() + checkDelay(extraDelay), p2p.target(), p2p.targetPort(), message);
    }

    /** Sends to member {@code peer} (0-based, in id order) of the mesh behind {@code port}. */
    protected final void sendTo(Port port, int peer, Object message, long extraDelay) {
        Link link = wired(port);
        emit(now + link.latency() + checkDelay(extraDelay), link.target(peer), link.targetPort(peer), message);
    }

    /**
     * Delivers {@code message} to this component after {@code delay} ps (at least 1 ps); returns a
     * handle for {@link #cancel}.
     */
    protected final long schedule(long delay, Object message) {
        if (delay <= 0) {
            throw new IllegalArgumentException(id + ": schedule delay must be positive, was " + delay + "ps");
        }
        return emit(now + delay, index, Port.SELF_INDEX, message);
    }

    /**
     * Reserves the place in the total order that a self-event scheduled now would take, without
     * scheduling it: {@link #scheduleReserved} may later schedule it there, if it turns out to be
     * needed. A component whose timer usually finds nothing to do (an output port that frees up
     * while nobody waits for it) saves the event, and gets the same order as if it had scheduled
     * it: every later event keeps its order key, so results do not depend on whether it was needed.
     */
    protected final long reserveOrder() {
        if (sequence > MAX_SEQUENCE) {
            throw new IllegalStateException(id + ": more than 2^40 events sent");
        }
        return ((long) index << SEQUENCE_BITS) | sequence++;
    }

    /** Schedules {@code message} for this component at {@code time}, in the place {@code reserved} (from {@link #reserveOrder}). */
    protected final void scheduleReserved(long reserved, long time, Object message) {
        if ((reserved >>> SEQUENCE_BITS) != index || (reserved & MAX_SEQUENCE) >= sequence) {
            throw new IllegalArgumentException(id + ": " + reserved + " is not an order this component reserved");
        }
        if (!isAfterCurrentEvent(time, reserved)) {
            throw new IllegalArgumentException(id + ": reserved event at " + time + "ps is not after the current one");
        }
        eventsSent++;
        sink.emit(time, reserved, index, Port.SELF_INDEX, message);
    }

    /**
     * Whether ({@code time}, {@code order}) comes after the event being handled in the total order,
     * i.e. whether an event there has not happened yet.
     */
    protected final boolean isAfterCurrentEvent(long time, long order) {
        return time > now || (time == now && order > lastOrder);
    }

    /**
     * A resource of this component (a link, an output port) busy until a place in the total
     * order, whose "free" event is scheduled only when someone waits for it: {@link #occupyUntil}
     * reserves that event's place ({@link #reserveOrder}), {@link #wakeWhenFree} schedules it
     * there at most once, and the handler of that event calls {@link #woken}. Results are those
     * of a resource that always schedules its free event.
     */
    protected final class Occupancy {
        private long freeAt;
        private long freeOrder = -1;
        private boolean wakeScheduled;

        /** Free from the start (a component's subclass makes its own). */
        public Occupancy() {}

        /** Whether the resource is still busy at the current event. */
        public boolean busy() {
            return isAfterCurrentEvent(freeAt, freeOrder);
        }

        /** Busy until {@code time}: its free event would take the next place in the order. */
        public void occupyUntil(long time) {
            freeAt = time;
            freeOrder = reserveOrder();
        }

        /** Delivers {@code message} to the component when the resource frees up, unless already asked. */
        public void wakeWhenFree(Object message) {
            if (wakeScheduled) return;
            wakeScheduled = true;
            scheduleReserved(freeOrder, freeAt, message);
        }

        /** Whether a free event is scheduled and not yet handled. */
        public boolean wakeScheduled() {
            return wakeScheduled;
        }

        /** The free event was handled: a later wait schedules a new one. */
        public void woken() {
            wakeScheduled = false;
        }
    }

    /**
     * Cancels an event this component scheduled and that has not been delivered yet: it will not
     * be delivered, and does not count as the run's last event (a re-armed timer then leaves no
     * trace). Cancelling a delivered event is a mistake the component must not make.
     */
    protected final void cancel(long handle) {
        if ((handle >>> SEQUENCE_BITS) != index) {
            throw new IllegalArgumentException(id + ": handle " + handle + " is not one of this component's events");
        }
        if (cancelled == null) cancelled = new java.util.HashSet<>();
        cancelled.add(handle);
    }

    private Link wired(Port port) {
        if (port.link == null) {
            throw new IllegalStateException(id + ": port " + port + " is not connected");
        }
        return port.link;
    }

    private long checkDelay(long extraDelay) {
        if (extraDelay < 0) {
            throw new IllegalArgumentException(id + ": negative extra delay " + extraDelay + "ps");
        }
        return extraDelay;
    }

    private long emit(long time, int target, int port, Object message) {
        long order = reserveOrder();
        eventsSent++;
        sink.emit(time, order, target, port, message);
        return order;
    }

    // ---- engine side -------------------------------------------------------------------------

    final void bind(int index, String id, Port[] ports, SplittableRandom rng) {
        this.index = index;
        this.id = id;
        this.ports = ports;
        this.rng = rng;
    }

    final int index() {
        return index;
    }

    /** The wired ports, by index. */
    final Port[] ports() {
        return ports;
    }

    final Port portAt(int portIndex) {
        return portIndex == Port.SELF_INDEX ? Port.SELF : ports[portIndex];
    }

    /** Whether the self-event {@code order} was cancelled; if so it is forgotten (the caller drops it). */
    final boolean dropIfCancelled(long order) {
        return cancelled != null && !cancelled.isEmpty() && cancelled.remove(order); // no boxing when none is
    }

    /** Whether the self-event {@code order} was cancelled and is still waiting to be dropped. */
    final boolean isCancelled(long order) {
        return cancelled != null && cancelled.contains(order);
    }

    /**
     * Runs the handler for one event; false if it was not handled (cancelled, or the component
     * halted). The causality guard: an event older than the component's clock (or not after
     * the last one in the total order) means the engine broke its conservative-window promise,
     * and the run must stop rather than produce wrong results.
     */
    final boolean deliver(long time, long order, int portIndex, Object message) {
        if (portIndex == Port.SELF_INDEX && dropIfCancelled(order)) return false;
        if (halted) {
            droppedWhileHalted++; // a stopped component handles nothing, and what it drops does not extend the run
            return false;
        }
        if (time < now || (time == now && order <= lastOrder && eventsHandled > 0)) {
            throw new CausalityViolation(id, time, now);
        }
        now = time;
        lastOrder = order;
        eventsHandled++;
        if (message == HALT) {
            halted = true;
            span("fault", "halt", now, now);
            statistics.counter("engine.halted-at.ps").add(now);
            return true;
        }
        onEvent(portAt(portIndex), message);
        return true;
    }

    final void start() {
        now = 0;
        onStart();
        if (haltAt > 0) emit(haltAt, index, Port.SELF_INDEX, HALT);
    }

    /**
     * Ends the run for this component at {@code runEnd}, the virtual time of the run's last event:
     * its clock moves there (without an event) so that {@link #onFinish} can account up to the end.
     */
    final Statistics finish(long runEnd) {
        if (runEnd > now) now = runEnd;
        onFinish();
        statistics.counter("engine.events.handled").add(eventsHandled);
        statistics.counter("engine.events.sent").add(eventsSent);
        if (halted) statistics.counter("engine.events.dropped-halted").add(droppedWhileHalted);
        return statistics;
    }
}
