package org.bxiemu.nic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Star;
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
import org.bxiemu.nic.portals.NiFail;
import org.bxiemu.nic.portals.ProcessId;
import org.junit.jupiter.api.Test;

/** Portals operations end to end: host doorbell, DMA, packets over a switch, events back in host memory. */
class NicPortalsTest {
    private static final long NS = Durations.NS;
    private static final long ME_START = 0x1000;
    private static final int PT = 0;
    private static final long MATCH = 0x77;

    /** Target side: open, an event queue, portal 0, one persistent ME accepting puts and gets. */
    static List<HostDouble.Ring> target(long at) {
        MatchEntry me = MatchEntry.builder(PT).match(MATCH, 0).buffer(ME_START, 64 * 1024)
                .options(MeOption.OP_PUT, MeOption.OP_GET).build();
        return List.of(
                new HostDouble.Ring(at, new Doorbell(0, 1, new HostMessage.OpenInterface())),
                new HostDouble.Ring(at, new Doorbell(0, 2, new HostMessage.EqAlloc(64))),
                new HostDouble.Ring(at, new Doorbell(0, 3, new HostMessage.PtAlloc(PT, new EqHandle(0),
                        EnumSet.noneOf(org.bxiemu.nic.portals.PtOption.class)))),
                new HostDouble.Ring(at, new Doorbell(0, 4, new HostMessage.MeAppend(me))));
    }

    /** Initiator side: open, an event queue, an MD over its whole memory, then {@code command} at {@code at}. */
    static List<HostDouble.Ring> initiator(long at, DataCommand command) {
        return List.of(
                new HostDouble.Ring(NS, new Doorbell(0, 1, new HostMessage.OpenInterface())),
                new HostDouble.Ring(NS, new Doorbell(0, 2, new HostMessage.EqAlloc(64))),
                new HostDouble.Ring(NS, new Doorbell(0, 3, new HostMessage.MdBind(
                        MemoryDescriptor.of(0, 1 << 20).withEq(new EqHandle(0))))),
                new HostDouble.Ring(at, new Doorbell(0, 4, new HostMessage.Operation(command))));
    }

    private static List<EventKind> kinds(HostDouble h) {
        return h.events.stream().map(Event::kind).toList();
    }

    @Test
    void putMovesRealBytesAndTakesExactlyTheModelledTime() {
        long at = 5 * Durations.US;
        int length = 5000;
        DataCommand put = new DataCommand.Put(new MdHandle(0), 0, length, AckRequest.ACK, new ProcessId(1, 0), PT,
                MATCH, 0, 42, 9);
        FabricGraph star = new Star(2, 48).build();
        NicRuns.Outcome o = NicRuns.run(star, NicRuns.NIC, n -> n == 0 ? initiator(at, put) : target(NS),
                50 * Durations.US, 1, true, null);
        HostDouble initiator = o.hosts().get(0);
        HostDouble targetHost = o.hosts().get(1);
        assertEquals(List.of(EventKind.LINK, EventKind.PUT), kinds(targetHost));
        Event putEvent = targetHost.events.get(1);
        assertEquals(length, putEvent.mlength());
        assertEquals(MATCH, putEvent.matchBits());
        assertEquals(9, putEvent.hdrData());
        assertEquals(new ProcessId(0, 0), putEvent.initiator());
        assertArrayEquals(Arrays.copyOfRange(NicRuns.pattern(0), 0, length),
                Arrays.copyOfRange(targetHost.memory, (int) ME_START, (int) ME_START + length), "the bytes moved");
        assertEquals(NicRuns.pattern(1)[(int) ME_START + length], targetHost.memory[(int) ME_START + length],
                "and nothing beyond them");
        assertEquals(List.of(EventKind.SEND, EventKind.ACK), kinds(initiator));
        assertEquals(NiFail.OK, initiator.events.get(1).niFail());
        assertEquals(length, initiator.events.get(1).mlength());

        var nic = NicRuns.NIC;
        var bw = NicRuns.FABRIC.linkBandwidth();
        long firstPart = bw.serialisation(4096 + 64);
        long secondPart = bw.serialisation(length - 4096 + 64);
        long putSeen = at + nic.pcieLatency() + nic.commandLatency() + 2 * nic.pcieLatency() // doorbell, DMA read
                + firstPart + secondPart // both parts leave back to back
                + (20 + 120) * NS + 20 * NS // into the switch, into the target NIC (cut-through)
                + nic.pcieLatency(); // event written to the target host
        assertEquals(putSeen, targetHost.eventTimes.get(1));
        assertTrue(initiator.eventTimes.get(1) > putSeen, "the ACK comes back after the PUT landed");
    }

    @Test
    void getFetchesTheTargetsBytesIntoTheInitiatorsMemory() {
        int length = 9000;
        DataCommand get = new DataCommand.Get(new MdHandle(0), 500, length, new ProcessId(1, 0), PT, MATCH, 100, 0);
        FabricGraph star = new Star(2, 48).build();
        NicRuns.Outcome o = NicRuns.run(star, NicRuns.NIC, n -> n == 0 ? initiator(2 * Durations.US, get) : target(NS),
                50 * Durations.US, 1, true, null);
        HostDouble initiator = o.hosts().get(0);
        HostDouble targetHost = o.hosts().get(1);
        assertEquals(List.of(EventKind.LINK, EventKind.GET), kinds(targetHost));
        assertEquals(List.of(EventKind.REPLY), kinds(initiator));
        assertEquals(length, initiator.events.get(0).mlength());
        int from = (int) ME_START + 100;
        assertArrayEquals(Arrays.copyOfRange(NicRuns.pattern(1), from, from + length),
                Arrays.copyOfRange(initiator.memory, 500, 500 + length));
    }

    @Test
    void sameDigestWhateverThePartitioningAndExecutionMode() {
        DataCommand put = new DataCommand.Put(new MdHandle(0), 0, 20_000, AckRequest.ACK, new ProcessId(1, 0), PT,
                MATCH, 0, 0, 0);
        FabricGraph star = new Star(2, 48).build();
        String reference = null;
        for (int partitions : new int[] {1, 2}) {
            for (boolean fusion : new boolean[] {true, false}) {
                NicRuns.Outcome o = NicRuns.run(star, NicRuns.NIC, n -> n == 0 ? initiator(Durations.US, put)
                        : target(NS), 50 * Durations.US, partitions, fusion, null);
                if (reference == null) reference = o.result().digest();
                assertEquals(reference, o.result().digest(), "partitions=" + partitions + " fusion=" + fusion);
            }
        }
    }
}
