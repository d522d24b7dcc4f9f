package org.bxiemu.nic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.FabricPlatform;
import org.bxiemu.fabric.LinkFaults;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
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
import org.junit.jupiter.api.Test;

/** Lossy, corrupting links: every Put still lands exactly once, with the right bytes. */
class NicReliabilityTest {
    private static final int SLICE = 64;
    private static final long ME_START = 0x10000;

    @Test
    void tenThousandRandomPutsOverLossyLinksLandExactlyOnce() {
        FabricGraph tree = new FatTree(4, 2, 4, 8).build();
        int nodes = tree.nodes();
        int perNode = 625; // 16 nodes x 625 = 10,000 puts
        SplittableRandom random = new SplittableRandom(2026);
        int[][] targets = new int[nodes][perNode];
        List<List<HostDouble.Ring>> scripts = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            List<HostDouble.Ring> s = new ArrayList<>();
            long t = Durations.NS;
            s.add(new HostDouble.Ring(t, new Doorbell(0, 1, new HostMessage.OpenInterface())));
            s.add(new HostDouble.Ring(t, new Doorbell(0, 2, new HostMessage.EqAlloc(16_384))));
            s.add(new HostDouble.Ring(t, new Doorbell(0, 3,
                    new HostMessage.PtAlloc(0, new EqHandle(0), EnumSet.noneOf(PtOption.class)))));
            s.add(new HostDouble.Ring(t, new Doorbell(0, 4, new HostMessage.MeAppend(MatchEntry.builder(0).match(0, 0)
                    .buffer(ME_START, (long) nodes * perNode * SLICE).options(MeOption.OP_PUT).build()))));
            s.add(new HostDouble.Ring(t, new Doorbell(0, 5, new HostMessage.MdBind(MemoryDescriptor.of(0, 1 << 20)))));
            for (int j = 0; j < perNode; j++) {
                int dst = random.nextInt(nodes - 1);
                if (dst >= n) dst++;
                targets[n][j] = dst;
                // put j of node n: its own source slice, to its own place in the target's ME
                long slot = (long) n * perNode + j;
                DataCommand put = new DataCommand.Put(new MdHandle(0), (long) j * SLICE, SLICE, AckRequest.NO_ACK,
                        new ProcessId(dst, 0), 0, 0, slot * SLICE, 0, slot);
                s.add(new HostDouble.Ring(2 * Durations.US + random.nextInt(200_000) * Durations.NS / 10,
                        new Doorbell(0, 10 + j, new HostMessage.Operation(put))));
            }
            scripts.add(s);
        }
        LinkFaults faults = LinkFaults.uniform(0.01, 0.001);
        NicRuns.Outcome o = NicRuns.run(tree, NicRuns.NIC, scripts::get, 2 * Durations.MS, 2, true, null, faults);

        long lost = 0;
        long corrupted = 0;
        long retransmitted = 0;
        for (int sw = 0; sw < tree.switches(); sw++) {
            lost += counter(o, tree.switchId(sw), "switch.packets.lost");
            corrupted += counter(o, tree.switchId(sw), "switch.packets.corrupted");
        }
        for (int n = 0; n < nodes; n++) {
            retransmitted += counter(o, FabricPlatform.nicId(tree, n), "nic.packets.retransmitted");
        }
        assertTrue(lost > 100 && corrupted > 5, "the links did misbehave: " + lost + " lost, " + corrupted + " corrupted");
        assertTrue(retransmitted >= lost, "every loss was repaired by a retransmission: " + retransmitted);

        int puts = 0;
        for (int dst = 0; dst < nodes; dst++) {
            HostDouble target = o.hosts().get(dst);
            boolean[] seen = new boolean[nodes * perNode];
            for (Event e : target.events) {
                if (e.kind() != EventKind.PUT) continue;
                int slot = (int) e.hdrData();
                assertTrue(!seen[slot], "put " + slot + " delivered twice");
                seen[slot] = true;
                puts++;
                int src = slot / perNode;
                int j = slot % perNode;
                assertEquals(dst, targets[src][j]);
                byte[] expected = Arrays.copyOfRange(NicRuns.pattern(src), j * SLICE, (j + 1) * SLICE);
                int at = (int) (ME_START + (long) slot * SLICE);
                assertArrayEquals(expected, Arrays.copyOfRange(target.memory, at, at + SLICE), "bytes of put " + slot);
            }
        }
        assertEquals(nodes * perNode, puts, "every put delivered exactly once");
    }

    private static long counter(NicRuns.Outcome o, String id, String name) {
        return o.result().components().stream().filter(c -> c.getId().equals(id)).findFirst().orElseThrow()
                .getCountersList().stream().filter(c -> c.getName().equals(name))
                .mapToLong(org.bxiemu.protocol.engine.Counter::getValue).sum();
    }
}
