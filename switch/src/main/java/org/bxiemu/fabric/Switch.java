package org.bxiemu.fabric;

import java.util.ArrayDeque;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.protocol.fabric.Credit;
import org.bxiemu.protocol.fabric.Packet;

/**
 * A BXI switch: input-queued ports with credit-based flow control and round-robin output
 * arbitration. Only the head packet of each input competes for its output, so a blocked head
 * blocks the packets behind it (head-of-line blocking), and a full downstream buffer stops
 * the output (back-pressure) until credits return.
 *
 * <p>Timing (virtual cut-through): a packet's head reaches the switch after the link latency,
 * which already includes this switch's forwarding delay; it may leave at once on a free output
 * with credits; the output stays busy for the serialisation time, and the tail never leaves
 * before it arrived. Buffer space is returned upstream when the tail has left.
 */
public final class Switch extends Component {
    private final int index;
    private final int radix;
    private final FabricSettings settings;
    private final PacketRouter router;

    private Port[] ports;
    private final ArrayDeque<Queued>[] inputs;
    private final long[] inputBytes;
    private final int[] headWants;
    private final long[] credits;
    private final boolean[] outputBusy;
    private final int[] nextInput;

    private Counter forwarded;
    private Counter unroutable;
    private Counter creditStalls;
    private Histogram queueing;
    private Counter maxOccupancy;

    /** A packet waiting in an input buffer since its head arrived, with its tail's arrival time. */
    private record Queued(Packet packet, long headAt, long tailAt) {}

    /** Self event: output {@code port} finished sending a packet's tail. */
    private record OutputFree(int port) {}

    @SuppressWarnings("unchecked")
    public Switch(int index, int radix, FabricSettings settings, PacketRouter router) {
        this.index = index;
        this.radix = radix;
        this.settings = settings;
        this.router = router;
        this.inputs = new ArrayDeque[radix];
        this.inputBytes = new long[radix];
        this.headWants = new int[radix];
        this.credits = new long[radix];
        this.outputBusy = new boolean[radix];
        this.nextInput = new int[radix];
        for (int p = 0; p < radix; p++) {
            inputs[p] = new ArrayDeque<>();
            headWants[p] = -1;
        }
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
        for (int p = 0; p < radix; p++) {
            ports[p] = port(portName(p));
            // every device at the other end of a link has an input buffer of the same size
            credits[p] = settings.inputBuffer();
        }
        forwarded = stats().counter("switch.packets.forwarded");
        unroutable = stats().counter("switch.packets.unroutable");
        creditStalls = stats().counter("switch.credit-stalls");
        maxOccupancy = stats().counter("switch.input.max-occupancy.bytes");
        queueing = stats().histogram("switch.queueing.ps");
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Packet packet -> onPacket(port.index(), packet);
            case Credit credit -> onCredit(port.index(), credit);
            case OutputFree free -> onOutputFree(free.port());
            default -> throw new IllegalArgumentException(id() + ": unexpected " + message.getClass().getSimpleName());
        }
    }

    private void onPacket(int input, Packet packet) {
        if (packet.getSize() < 1) throw new IllegalArgumentException(id() + ": packet of " + packet.getSize() + " bytes");
        ArrayDeque<Queued> queue = inputs[input];
        queue.addLast(new Queued(packet, now(), now() + packet.getTailAfter()));
        inputBytes[input] += packet.getSize();
        if (inputBytes[input] > maxOccupancy.value()) maxOccupancy.add(inputBytes[input] - maxOccupancy.value());
        if (inputBytes[input] > settings.inputBuffer()) {
            throw new IllegalStateException(id() + ": input " + input + " holds " + inputBytes[input]
                    + " bytes, more than its " + settings.inputBuffer() + "-byte buffer (credit protocol broken)");
        }
        if (queue.size() == 1) routeHead(input);
    }

    private void onCredit(int output, Credit credit) {
        credits[output] += credit.getBytes();
        arbitrate(output);
    }

    private void onOutputFree(int output) {
        outputBusy[output] = false;
        arbitrate(output);
    }

    /** The head of {@code input} learns its output; an unroutable head is dropped and counted. */
    private void routeHead(int input) {
        while (!inputs[input].isEmpty()) {
            Queued head = inputs[input].peekFirst();
            Packet packet = head.packet();
            Packet rewritten = viaRewrite(packet);
            if (rewritten != packet) {
                inputs[input].pollFirst();
                inputs[input].addFirst(new Queued(rewritten, head.headAt(), head.tailAt()));
            }
            int output = router.route(index, rewritten);
            if (output >= 0 && output < radix && ports[output].peers() > 0) {
                headWants[input] = output;
                arbitrate(output);
                return;
            }
            unroutable.increment();
            release(input, inputs[input].pollFirst(), now());
        }
        headWants[input] = -1;
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

    /** Round-robin among the inputs whose head wants {@code output}, if it is free and has credits. */
    private void arbitrate(int output) {
        if (outputBusy[output]) return;
        for (int k = 0; k < radix; k++) {
            int input = (nextInput[output] + k) % radix;
            if (headWants[input] != output) continue;
            Queued head = inputs[input].peekFirst();
            if (credits[output] < head.packet().getSize()) {
                creditStalls.increment();
                return; // the chosen head waits for credits: back-pressure
            }
            nextInput[output] = (input + 1) % radix;
            transmit(input, output, inputs[input].pollFirst());
            headWants[input] = -1;
            routeHead(input);
            return;
        }
    }

    private void transmit(int input, int output, Queued q) {
        Packet p = q.packet();
        long start = now();
        long end = Math.max(start + settings.linkBandwidth().serialisation(p.getSize()), q.tailAt());
        credits[output] -= p.getSize();
        outputBusy[output] = true;
        queueing.record(start - q.headAt());
        forwarded.increment();
        send(ports[output], p.toBuilder().setTailAfter(end - start).setHops(p.getHops() + 1).build());
        schedule(end - start, new OutputFree(output));
        release(input, q, end);
    }

    /** Frees the packet's input buffer space when its tail has left, returning credits upstream. */
    private void release(int input, Queued q, long tailLeft) {
        inputBytes[input] -= q.packet().getSize();
        send(ports[input], Credit.newBuilder().setBytes(q.packet().getSize()).build(), tailLeft - now());
    }
}
