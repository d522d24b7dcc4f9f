package org.bxiemu.nic.bench;

import java.util.EnumSet;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.nic.Nic;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.host.HostMessage.Doorbell;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.nic.portals.EventKind;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeOption;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.nic.portals.PtOption;

/**
 * A host of {@code bench traffic}: sets up a Portals target, then rings all its Puts at once
 * (the NIC queues them) and records, for every Put it receives, the latency from the sender's
 * doorbell (carried in the header data) to the PUT event here. Memory is modelled.
 */
public final class TrafficHost extends Component {
    /** Virtual time at which every host rings its Puts: after every target is set up. */
    static final long START = 10_000_000; // 10 us

    private final int node;
    private final int[] targets;
    private final TrafficParameters parameters;
    private Port nic;
    private long tag;
    private Histogram latency;
    private Counter received;
    private Counter lastArrival;

    private record Go() {}

    public TrafficHost(int node, int nodes, TrafficParameters parameters) {
        this.node = node;
        this.parameters = parameters;
        this.targets = parameters.targets(node, nodes);
    }

    @Override
    protected void onStart() {
        nic = port(Nic.HOST);
        latency = stats().histogram("traffic.latency.ps");
        received = stats().counter("traffic.received");
        lastArrival = stats().counter("traffic.last-arrival.ps");
        ring(new HostMessage.OpenInterface());
        ring(new HostMessage.EqAlloc(1 << 20));
        ring(new HostMessage.PtAlloc(0, new EqHandle(0), EnumSet.noneOf(PtOption.class)));
        ring(new HostMessage.MeAppend(MatchEntry.builder(0).match(0, 0).buffer(0, Math.max(1, parameters.size()))
                .options(MeOption.OP_PUT).build()));
        ring(new HostMessage.MdBind(MemoryDescriptor.of(0, Math.max(1, parameters.size()))));
        if (targets.length > 0) schedule(START, new Go());
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Go go -> onGo();
            case HostMessage.EventWrite write -> onNicEvent(write.event());
            case HostMessage.DmaRead read -> send(nic, new HostMessage.DmaData(read.tag(), read.length(), new byte[0]));
            case HostMessage.DmaWrite write -> { } // modelled memory
            case HostMessage.CommandDone done -> { }
            case HostMessage.CounterWrite write -> { }
            default -> throw new IllegalArgumentException(id() + ": unexpected " + message.getClass().getSimpleName());
        }
    }

    private void ring(HostMessage.HostRequest request) {
        send(nic, new Doorbell(0, tag++, request));
    }

    private void onGo() {
        for (int round = 0; round < parameters.rounds(); round++) {
            for (int target : targets) {
                ring(new HostMessage.Operation(new DataCommand.Put(new MdHandle(0), 0, parameters.size(),
                        AckRequest.NO_ACK, new ProcessId(target, 0), 0, 0, 0, 0, now())));
            }
        }
        stats().counter("traffic.sent").add((long) parameters.rounds() * targets.length);
    }

    private void onNicEvent(Event event) {
        if (event.kind() != EventKind.PUT) return;
        received.increment();
        latency.record(now() - event.hdrData());
        lastArrival.add(now() - lastArrival.value());
    }
}
