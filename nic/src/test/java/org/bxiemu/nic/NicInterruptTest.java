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
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.EventKind;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.protocol.nic.MsiInterrupt;
import org.bxiemu.protocol.nic.UserInterruptPost;
import org.junit.jupiter.api.Test;

/** Interrupt policies per event queue: none, MSI, user vector; moderation folds bursts. */
class NicInterruptTest {
    private static final long NS = Durations.NS;
    private static final int PUTS = 10;

    private static NicRuns.Outcome burst(HostMessage.InterruptPolicy policy) {
        List<HostDouble.Ring> target = new ArrayList<>(NicPortalsTest.target(NS));
        target.add(new HostDouble.Ring(NS, new Doorbell(0, 9, new HostMessage.EqInterrupts(new EqHandle(0), policy))));
        List<HostDouble.Ring> initiator = new ArrayList<>(NicPortalsTest.initiator(2 * Durations.US,
                put(0)));
        for (int i = 1; i < PUTS; i++) {
            initiator.add(new HostDouble.Ring(2 * Durations.US + i * 100 * NS,
                    new Doorbell(0, 10 + i, new HostMessage.Operation(put(i)))));
        }
        return NicRuns.run(new Star(2, 48).build(), NicRuns.NIC, n -> n == 0 ? initiator : target, 30 * Durations.US,
                1, true, null);
    }

    private static DataCommand put(int i) {
        return new DataCommand.Put(new MdHandle(0), 0, 8, AckRequest.NO_ACK, new ProcessId(1, 0), 0, 0x77, 8L * i, i, 0);
    }

    private static long putEvents(HostDouble h) {
        return h.events.stream().filter(e -> e.kind() == EventKind.PUT).count();
    }

    @Test
    void withoutAPolicyTheHostPolls() {
        HostDouble target = burst(new HostMessage.NoInterrupt()).hosts().get(1);
        assertEquals(PUTS, putEvents(target));
        assertTrue(target.interrupts.isEmpty());
    }

    @Test
    void msiOnEveryEventWithoutModeration() {
        HostDouble target = burst(new HostMessage.Msi(3, 0x40, 0)).hosts().get(1);
        assertEquals(PUTS, putEvents(target));
        assertEquals(PUTS, target.interrupts.size());
        MsiInterrupt first = (MsiInterrupt) target.interrupts.get(0);
        assertEquals(3, first.getCore());
        assertEquals(0x40, first.getVector());
        // the interrupt reaches the host with the event it announces, never before it
        for (int i = 0; i < PUTS; i++) {
            long eventAt = target.eventTimes.get(target.eventTimes.size() - PUTS + i);
            assertEquals(eventAt, target.interruptTimes.get(i));
        }
    }

    @Test
    void moderationFoldsABurstButCoversItsLastEvent() {
        long moderation = Durations.US;
        NicRuns.Outcome o = burst(new HostMessage.Msi(0, 0x41, moderation));
        HostDouble target = o.hosts().get(1);
        assertEquals(PUTS, putEvents(target));
        int raised = target.interrupts.size();
        assertTrue(raised >= 2 && raised < PUTS, "folded: " + raised + " interrupts for " + PUTS + " events");
        for (int i = 1; i < raised; i++) {
            assertTrue(target.interruptTimes.get(i) - target.interruptTimes.get(i - 1) >= moderation,
                    "at most one per interval");
        }
        long lastEvent = target.eventTimes.get(target.eventTimes.size() - 1);
        assertTrue(target.interruptTimes.get(raised - 1) >= lastEvent, "the last event is announced too");
    }

    @Test
    void userVectorPostsToTheUpid() {
        HostDouble target = burst(new HostMessage.UserVector(0xfee000L, 5, 0)).hosts().get(1);
        assertEquals(PUTS, target.interrupts.size());
        UserInterruptPost post = (UserInterruptPost) target.interrupts.get(0);
        assertEquals(0xfee000L, post.getUpidAddress());
        assertEquals(5, post.getUserVector());
        assertEquals(0, post.getSourcePid());
    }
}
