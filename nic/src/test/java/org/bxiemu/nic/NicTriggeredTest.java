package org.bxiemu.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.topology.Star;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.host.HostMessage.Doorbell;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.CtHandle;
import org.bxiemu.nic.portals.CtValue;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EventKind;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.ProcessId;
import org.junit.jupiter.api.Test;

/** Triggered operations through the NIC: a triggered Put leaves exactly when its counter reaches the threshold. */
class NicTriggeredTest {
    private static final long US = Durations.US;

    @Test
    void triggeredPutFiresOnTheIncrementThatReachesTheThresholdNotBefore() {
        DataCommand put = new DataCommand.Put(new MdHandle(0), 0, 128, AckRequest.NO_ACK, new ProcessId(1, 0), 0,
                0x77, 0, 0, 5);
        List<HostDouble.Ring> initiator = new ArrayList<>(List.of(
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 1, new HostMessage.OpenInterface())),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 2, new HostMessage.EqAlloc(64))),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 3, new HostMessage.CtAlloc())),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 4, new HostMessage.MdBind(
                        org.bxiemu.nic.portals.MemoryDescriptor.of(0, 1 << 20)))),
                new HostDouble.Ring(US, new Doorbell(0, 5, new HostMessage.Triggered(put, new CtHandle(0), 3))),
                new HostDouble.Ring(2 * US, new Doorbell(0, 6, new HostMessage.CtInc(new CtHandle(0), CtValue.ofSuccess(1)))),
                new HostDouble.Ring(4 * US, new Doorbell(0, 7, new HostMessage.CtInc(new CtHandle(0), CtValue.ofSuccess(1)))),
                new HostDouble.Ring(6 * US, new Doorbell(0, 8, new HostMessage.CtInc(new CtHandle(0), CtValue.ofSuccess(1))))));
        NicRuns.Outcome o = NicRuns.run(new Star(2, 48).build(), NicRuns.NIC,
                n -> n == 0 ? initiator : NicPortalsTest.target(Durations.NS), 30 * US, 1, true, null);
        HostDouble target = o.hosts().get(1);
        int put0 = target.events.stream().map(e -> e.kind()).toList().indexOf(EventKind.PUT);
        assertTrue(put0 >= 0, "the triggered put arrived");
        assertEquals(1, target.events.stream().filter(e -> e.kind() == EventKind.PUT).count(), "exactly once");
        long arrived = target.eventTimes.get(put0);
        var nic = NicRuns.NIC;
        // the third increment rings at 6 us: doorbell, command, DMA read of the source, wire, event write
        long earliest = 6 * US + nic.pcieLatency() + nic.commandLatency() + 2 * nic.pcieLatency();
        assertTrue(arrived > earliest, "not before the threshold was reached: " + arrived);
        assertTrue(arrived < earliest + 2 * US, "but right after it: " + arrived);
    }

    @Test
    void aTriggeredCounterIncrementChainsTwoCountersInTheNic() {
        // the Put waits on counter 1, which only the triggered increment (counter 0 reaching 2) moves
        DataCommand put = new DataCommand.Put(new MdHandle(0), 0, 64, AckRequest.NO_ACK, new ProcessId(1, 0), 0,
                0x77, 0, 0, 9);
        List<HostDouble.Ring> initiator = new ArrayList<>(List.of(
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 1, new HostMessage.OpenInterface())),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 2, new HostMessage.EqAlloc(64))),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 3, new HostMessage.CtAlloc())),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 4, new HostMessage.CtAlloc())),
                new HostDouble.Ring(Durations.NS, new Doorbell(0, 5, new HostMessage.MdBind(
                        org.bxiemu.nic.portals.MemoryDescriptor.of(0, 1 << 20)))),
                new HostDouble.Ring(US, new Doorbell(0, 6, new HostMessage.Triggered(put, new CtHandle(1), 1))),
                new HostDouble.Ring(US, new Doorbell(0, 7, new HostMessage.TriggeredCtInc(new CtHandle(1),
                        CtValue.ofSuccess(1), new CtHandle(0), 2))),
                new HostDouble.Ring(2 * US, new Doorbell(0, 8, new HostMessage.CtInc(new CtHandle(0), CtValue.ofSuccess(1)))),
                new HostDouble.Ring(5 * US, new Doorbell(0, 9, new HostMessage.CtInc(new CtHandle(0), CtValue.ofSuccess(1))))));
        NicRuns.Outcome o = NicRuns.run(new Star(2, 48).build(), NicRuns.NIC,
                n -> n == 0 ? initiator : NicPortalsTest.target(Durations.NS), 30 * US, 1, true, null);
        HostDouble target = o.hosts().get(1);
        List<EventKind> kinds = target.events.stream().map(e -> e.kind()).toList();
        assertEquals(1, kinds.stream().filter(k -> k == EventKind.PUT).count(), "the chained put arrived once");
        long arrived = target.eventTimes.get(kinds.indexOf(EventKind.PUT));
        var nic = NicRuns.NIC;
        long earliest = 5 * US + nic.pcieLatency() + nic.commandLatency() + 2 * nic.pcieLatency();
        assertTrue(arrived > earliest, "not before the second increment: " + arrived);
        assertTrue(arrived < earliest + 2 * US, "but right after it: " + arrived);
    }
}
