package org.bxiemu.fabric;

import java.util.ArrayDeque;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.protocol.fabric.Credit;
import org.bxiemu.protocol.fabric.Packet;

/**
 * A BXI switch: input-queued ports with one buffer per virtual channel, credit-based flow
 * control and round-robin output arbitration. Only the head packet of each input buffer
 * competes for its output, so a blocked head blocks the packets behind it (head-of-line
 * blocking), and a full downstream buffer stops the output (back-pressure) until credits return.
 *
 * <p>Timing (virtual cut-through): a packet's head reaches the switch after the link latency,
 * which already includes this switch's forwarding delay; it may leave at once on a free output
 * with credits; the output stays busy for the serialisation time, and the tail never leaves
 * before it arrived. Buffer space is returned upstream when the tail has left.
 */
public final class Switch extends Component {
    private final int index;
    private final int radix;
    private final int channels;
    private final FabricSettings settings;
    // structure, not state (a checkpoint's image leaves it out; see Component.onRestored)
    private final transient PacketRouter baseRouter;
    private final transient LinkFaults faults;
    private final transient java.util.List<FabricFaults.Reroute> reroutes;
    private transient PacketRouter router;
    private Port[] ports;
    /** The reroute whose tables are in use, -1 for the first ones. */
    private int routerInUse = -1;
    /** Input buffers, by {@code port * channels + vc}. */
    private final ArrayDeque<Queued>[] inputs;
    private final long[] inputBytes;
    /** Credits for the buffer at the other end of each output, by {@code port * channels + vc}. */
    private final long[] credits;
    /** Each output, busy until its current packet's tail has left: {@link OutputFree} only when a head waits. */
    private final Occupancy[] outputs;
    /** By output, a bit per input buffer whose head wants it (may wait for it): arbitration visits only those. */
    private final long[][] wantedBy;
    private final int[] nextInput;

    private Counter forwarded;
    private Counter unroutable;
    private Counter creditStalls;
    private Histogram queueing;
    private Counter maxOccupancy;
    private Counter lost;
    private Counter corrupted;

    /** A packet waiting in an input buffer since its head arrived, with its tail's arrival time. */
    private record Queued(Packet packet, long headAt, long tailAt) {}

    /** Self event: output {@code port} finished sending a packet's tail, and a head wants it. */
    private record OutputFree(int port) {}

    /** Self event: the fabric manager's reroute {@code index} takes effect. */
    private record Reroute(int index) {}

    public Switch(int index, int radix, int channels, FabricSettings settings, PacketRouter router,
            LinkFaults faults) {
        this(index, radix, channels, settings, router, faults, java.util.List.of());
    }

    /** @param reroutes tables the fabric manager loads over time (a fault plan's failures), in time order */
    @SuppressWarnings("unchecked")
    public Switch(int index, int radix, int channels, FabricSettings settings, PacketRouter router,
            LinkFaults faults, java.util.List<FabricFaults.Reroute> reroutes) {
        this.faults = faults;
        this.reroutes = reroutes;
        this.index = index;
        this.radix = radix;
        this.channels = channels;
        this.settings = settings;
        this.baseRouter = router;
        this.router = router;
        int buffers = radix * channels;
        this.inputs = new ArrayDeque[buffers];
        this.inputBytes = new long[buffers];
        this.credits = new long[buffers];
        this.outputs = new Occupancy[radix];
        for (int o = 0; o < radix; o++) outputs[o] = new Occupancy();
        this.wantedBy = new long[radix][(buffers + 63) / 64];
        this.nextInput = new int[radix];
        for (int b = 0; b < buffers; b++) inputs[b] = new ArrayDeque<>();
    }

    public static String portName(int port) {
        return "p" + port;
    }

    public static String[] portNames(int radix) {
        String[] names = new String[radix];
        for (int p = 0; p < radix; p++) names[p] = portName(p);
        return names;
    }

    @Override
    protected void onStart() {
        ports = new Port[radix];
        for (int p = 0; p < radix; p++) ports[p] = port(portName(p));
        // every device at the other end of a link has a buffer of the same size per channel
        java.util.Arrays.fill(credits, settings.inputBuffer());
        forwarded = stats().counter("switch.packets.forwarded");
        unroutable = stats().counter("switch.packets.unroutable");
        creditStalls = stats().counter("switch.credit-stalls");
        maxOccupancy = stats().counter("switch.input.max-occupancy.bytes");
        queueing = stats().histogram("switch.queueing.ps");
        lost = stats().counter("switch.packets.lost");
        corrupted = stats().counter("switch.packets.corrupted");
        for (int i = 0; i < reroutes.size(); i++) {
            if (reroutes.get(i).at() == 0) useRouter(i);
            else schedule(reroutes.get(i).at(), new Reroute(i));
        }
    }

    @Override
    protected void onRestored() {
        router = routerInUse < 0 ? baseRouter : reroutes.get(routerInUse).router();
    }

    private void useRouter(int reroute) {
        routerInUse = reroute;
        router = reroutes.get(reroute).router();
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Packet packet -> onPacket(port.index(), packet);
            case Credit credit -> onCredit(port.index(), credit);
            case OutputFree free -> onOutputFree(free.port());
            case Reroute r -> {
                useRouter(r.index()); // heads already routed keep their output
                stats().counter("switch.reroutes").increment();
                span("fault", "reroute", now(), now());
            }
            default -> throw new IllegalArgumentException(id() + ": unexpected " + message.getClass().getSimpleName());
        }
    }

    private void onPacket(int port, Packet packet) {
        if (packet.getSize() < 1) throw new IllegalArgumentException(id() + ": packet of " + packet.getSize() + " bytes");
        int buffer = port * channels + VirtualChannels.of(packet.getHops(), channels);
        ArrayDeque<Queued> queue = inputs[buffer];
        queue.addLast(new Queued(packet, now(), now() + packet.getTailAfter()));
        inputBytes[buffer] += packet.getSize();
        if (inputBytes[buffer] > maxOccupancy.value()) maxOccupancy.add(inputBytes[buffer] - maxOccupancy.value());
        if (inputBytes[buffer] > settings.inputBuffer()) {
            throw new IllegalStateException(id() + ": input " + port + " holds " + inputBytes[buffer]
                    + " bytes, more than its " + settings.inputBuffer() + "-byte buffer (credit protocol broken)");
        }
        if (queue.size() == 1) routeHead(buffer);
    }

    private void onCredit(int port, Credit credit) {
        credits[port * channels + credit.getVc()] += credit.getBytes();
        arbitrate(port);
    }

    private void onOutputFree(int output) {
        outputs[output].woken();
        arbitrate(output);
    }

    /** The head of an input buffer learns its output; an unroutable head is dropped and counted. */
    private void routeHead(int buffer) {
        ArrayDeque<Queued> queue = inputs[buffer];
        while (!queue.isEmpty()) {
            Queued head = queue.peekFirst();
            Packet rewritten = viaRewrite(head.packet());
            if (rewritten != head.packet()) {
                queue.pollFirst();
                queue.addFirst(new Queued(rewritten, head.headAt(), head.tailAt()));
            }
            int output = router.route(index, rewritten);
            if (output >= 0 && output < radix && ports[output].peers() > 0) {
                wantedBy[output][buffer >>> 6] |= 1L << buffer;
                arbitrate(output);
                return;
            }
            unroutable.increment();
            release(buffer, queue.pollFirst(), now());
        }
    }

    /** Valiant: the first switch picks the intermediate switch, which clears it on arrival. */
    private Packet viaRewrite(Packet packet) {
        if (packet.hasViaSwitch()) {
            return packet.getViaSwitch() == index ? packet.toBuilder().clearViaSwitch().build() : packet;
        }
        if (packet.getHops() == 0 && router.picksIntermediate()) {
            int via = router.intermediate(index, packet, rng());
            if (via != index) return packet.toBuilder().setViaSwitch(via).build();
        }
        return packet;
    }

    /** Round-robin among the input buffers whose head wants {@code output}, if it is free and has credits. */
    private void arbitrate(int output) {
        if (outputs[output].busy()) {
            if (!outputs[output].wakeScheduled()) outputs[output].wakeWhenFree(new OutputFree(output));
            return;
        }
        // the buffers wanting it, from nextInput on, round the ring once: their bits, word by word
        long[] wanted = wantedBy[output];
        int start = nextInput[output];
        int first = start >>> 6;
        for (int step = 0; step <= wanted.length; step++) {
            int word = (first + step) % wanted.length;
            long bits = wanted[word];
            if (step == 0) bits &= -1L << start; // from nextInput on
            else if (step == wanted.length) bits &= ~(-1L << start); // back round to just before it
            while (bits != 0) {
                int buffer = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                Packet head = inputs[buffer].peekFirst().packet();
                int credit = output * channels + VirtualChannels.of(head.getHops() + 1, channels);
                if (credits[credit] < head.getSize()) {
                    creditStalls.increment();
                    continue; // this channel is full downstream; another channel may still go
                }
                nextInput[output] = (buffer + 1) % (radix * channels);
                wanted[word] &= ~(1L << buffer);
                transmit(buffer, output, credit, inputs[buffer].pollFirst());
                routeHead(buffer);
                if (anyWants(wanted)) arbitrate(output); // busy now: makes sure the waiting heads are woken
                return;
            }
        }
    }

    private static boolean anyWants(long[] wanted) {
        for (long bits : wanted) {
            if (bits != 0) return true;
        }
        return false;
    }

    private void transmit(int buffer, int output, int credit, Queued q) {
        Packet p = q.packet();
        long start = now();
        long end = Math.max(start + settings.linkBandwidth().serialisation(p.getSize()), q.tailAt());
        queueing.record(start - q.headAt());
        forwarded.increment();
        switch (faults.fate(id(), output, start, rng())) {
            // a lost packet never reaches the buffer downstream, so it takes none of its credits
            case LOSE -> lost.increment();
            case CORRUPT -> {
                corrupted.increment();
                credits[credit] -= p.getSize();
                send(ports[output], p.toBuilder().setTailAfter(end - start).setHops(p.getHops() + 1).setCorrupted(true)
                        .build(), faults.extraDelay(output, start, rng()));
            }
            case DELIVER -> {
                credits[credit] -= p.getSize();
                send(ports[output], p.toBuilder().setTailAfter(end - start).setHops(p.getHops() + 1).build(),
                        faults.extraDelay(output, start, rng()));
            }
        }
        outputs[output].occupyUntil(end);
        release(buffer, q, end);
    }

    /** Frees the packet's buffer space when its tail has left, returning credits upstream. */
    private void release(int buffer, Queued q, long tailLeft) {
        inputBytes[buffer] -= q.packet().getSize();
        Credit credit = Credit.newBuilder().setBytes(q.packet().getSize()).setVc(buffer % channels).build();
        send(ports[buffer / channels], credit, tailLeft - now());
    }
}
