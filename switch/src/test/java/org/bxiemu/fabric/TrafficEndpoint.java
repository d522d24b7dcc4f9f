package org.bxiemu.fabric;

import java.util.ArrayDeque;
import java.util.List;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.protocol.fabric.Credit;
import org.bxiemu.protocol.fabric.Packet;

/**
 * A test double of a NIC's link side: injects scripted packets under the same credit protocol
 * and serialisation as a real NIC, consumes packets at line rate, and records latencies.
 */
final class TrafficEndpoint extends Component {
    /** Send {@code count} packets of {@code size} bytes to {@code destination}, queued at time {@code at}. */
    record Send(long at, int destination, int size, int count) {}

    private record Inject(Send send) {}

    private record TxFree() {}

    private final int node;
    private final int channels;
    private final FabricSettings settings;
    private final List<Send> script;
    private final ArrayDeque<Packet> tx = new ArrayDeque<>();
    private Port net;
    private long credits;
    private boolean busy;
    private long nextId;
    private Counter received;
    private Counter receivedBytes;
    private Counter lastTailAt;
    private Histogram latency;
    private Counter creditWaits;
    private Histogram hops;

    TrafficEndpoint(int node, FabricSettings settings, int channels, List<Send> script) {
        this.node = node;
        this.channels = channels;
        this.settings = settings;
        this.script = script;
    }

    @Override
    protected void onStart() {
        net = port("net");
        credits = settings.inputBuffer();
        received = stats().counter("endpoint.received.packets");
        receivedBytes = stats().counter("endpoint.received.bytes");
        lastTailAt = stats().counter("endpoint.last-tail-at.ps");
        latency = stats().histogram("endpoint.latency.ps");
        creditWaits = stats().counter("endpoint.credit-waits");
        hops = stats().histogram("endpoint.hops");
        for (Send s : script) schedule(Math.max(1, s.at()), new Inject(s));
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Inject inject -> onInject(inject.send());
            case TxFree free -> onTxFree();
            case Credit credit -> onCredit(credit);
            case Packet packet -> onPacket(packet);
            default -> throw new IllegalArgumentException(message.toString());
        }
    }

    private void onInject(Send s) {
        for (int i = 0; i < s.count(); i++) {
            tx.add(Packet.newBuilder().setSource(node).setDestination(s.destination()).setSize(s.size())
                    .setId(nextId++).build());
        }
        transmit();
    }

    private void onTxFree() {
        busy = false;
        transmit();
    }

    private void onCredit(Credit credit) {
        // injection always uses channel 0 (hops = 0): only its credits come back
        credits += credit.getBytes();
        transmit();
    }

    private void transmit() {
        if (busy || tx.isEmpty()) return;
        if (credits < tx.peekFirst().getSize()) {
            creditWaits.increment(); // back-pressure from the switch's input buffer
            return;
        }
        Packet p = tx.pollFirst();
        long serialisation = settings.linkBandwidth().serialisation(p.getSize());
        credits -= p.getSize();
        busy = true;
        send(net, p.toBuilder().setInjectedAt(now()).setTailAfter(serialisation).build());
        schedule(serialisation, new TxFree());
    }

    private void onPacket(Packet p) {
        long tailAt = now() + p.getTailAfter();
        if (p.getDestination() != node) throw new IllegalStateException(id() + " got a packet for node " + p.getDestination());
        received.increment();
        receivedBytes.add(p.getSize());
        latency.record(tailAt - p.getInjectedAt());
        hops.record(p.getHops());
        if (tailAt > lastTailAt.value()) lastTailAt.add(tailAt - lastTailAt.value());
        // consumed at line rate: the buffer space is free once the tail is in
        Credit credit = Credit.newBuilder().setBytes(p.getSize()).setVc(VirtualChannels.of(p.getHops(), channels)).build();
        send(net, credit, p.getTailAfter());
    }
}
