package org.bxiemu.nic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.Atomics;
import org.bxiemu.nic.portals.Event;

/**
 * A test double of a node's host side (the Node actor comes with the node issue): byte-array
 * memory answering the NIC's DMA, a script of doorbells, and a record of events and completions.
 */
final class HostDouble extends Component {
    record Ring(long at, HostMessage.Doorbell doorbell) {}

    private record Fire(HostMessage.Doorbell doorbell) {}

    final byte[] memory;
    final List<Event> events = new ArrayList<>();
    final List<Long> eventTimes = new ArrayList<>();
    final List<HostMessage.CommandDone> completions = new ArrayList<>();
    final List<Object> interrupts = new ArrayList<>();
    final List<Long> interruptTimes = new ArrayList<>();
    private final List<Ring> script;
    private Port nic;

    HostDouble(byte[] memory, List<Ring> script) {
        this.memory = memory;
        this.script = script;
    }

    @Override
    protected void onStart() {
        nic = port(Nic.HOST);
        for (Ring r : script) schedule(Math.max(1, r.at()), new Fire(r.doorbell()));
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Fire f -> send(nic, f.doorbell());
            case HostMessage.DmaRead r -> send(nic, new HostMessage.DmaData(r.tag(), r.length(),
                    Arrays.copyOfRange(memory, (int) r.address(), (int) (r.address() + r.length()))));
            case HostMessage.DmaWrite w -> {
                if (w.data().length != w.length()) throw new IllegalStateException("this host's memory holds real data");
                System.arraycopy(w.data(), 0, memory, (int) w.address(), w.data().length);
            }
            case HostMessage.DmaAtomic a -> onAtomic(a);
            case HostMessage.EventWrite e -> {
                events.add(e.event());
                eventTimes.add(now());
                stats().counter("host.events." + e.event().kind()).increment();
            }
            case HostMessage.CounterWrite c -> stats().counter("host.ct" + c.ct().value() + ".success")
                    .add(c.value().success() - stats().counter("host.ct" + c.ct().value() + ".success").value());
            case HostMessage.CommandDone d -> completions.add(d);
            case org.bxiemu.protocol.nic.MsiInterrupt msi -> onInterrupt(msi);
            case org.bxiemu.protocol.nic.UserInterruptPost post -> onInterrupt(post);
            default -> throw new IllegalArgumentException(message.toString());
        }
    }

    private void onInterrupt(Object interrupt) {
        interrupts.add(interrupt);
        interruptTimes.add(now());
        stats().counter("host.interrupts").increment();
    }

    private void onAtomic(HostMessage.DmaAtomic a) {
        int length = a.operand().length;
        byte[] old = Arrays.copyOfRange(memory, (int) a.address(), (int) a.address() + length);
        byte[] compare = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(a.compare())
                .array();
        byte[] updated = Atomics.apply(a.op(), a.type(), old, a.operand(), Arrays.copyOf(compare, length));
        System.arraycopy(updated, 0, memory, (int) a.address(), length);
        send(nic, new HostMessage.DmaData(a.tag(), old.length, old));
    }

    @Override
    protected void onFinish() {
        stats().counter("host.memory.hash").add(Arrays.hashCode(memory));
    }
}
