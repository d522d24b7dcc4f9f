package org.bxiemu.fabric;

import static org.bxiemu.fabric.FabricRuns.BXI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.routing.RoutingTables;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.bxiemu.fabric.topology.Star;
import org.junit.jupiter.api.Test;

/** Timing, bandwidth, flow control and determinism of switches and links. */
class FabricTimingTest {
    private static final long NS = Durations.NS;

    private static RunResult run(FabricGraph g, String routing, Map<Integer, List<TrafficEndpoint.Send>> scripts,
            long end, int partitions, boolean fusion) {
        RoutingTables tables = new FabricManager(g, routing).tables();
        return FabricRuns.run(g, tables, BXI, scripts, end, partitions, fusion);
    }

    @Test
    void zeroLoadLatencyIsExactlyTheSumOfLinkAndSerialisationDelays() {
        FabricGraph star = new Star(2, 48).build();
        RunResult r = run(star, "shortest-path", Map.of(0, List.of(new TrafficEndpoint.Send(NS, 1, 1024, 1))),
                Durations.US, 1, true);
        // NIC->switch: cable + hop; switch->NIC: cable; the 1 KiB is serialised once (cut-through)
        long expected = (20 + 120) * NS + 20 * NS + BXI.linkBandwidth().serialisation(1024);
        var latency = FabricRuns.histogram(r, "n0001.nic", "endpoint.latency.ps");
        assertEquals(1, latency.getCount());
        assertEquals(expected, latency.getMin());
        assertEquals(241_920, expected, "160 ns of links + 81.92 ns of serialisation");

        FabricGraph tree = new FatTree(4, 2, 4, 8).build();
        int far = tree.nodes() - 1;
        RunResult t = run(tree, "d-mod-k", Map.of(0, List.of(new TrafficEndpoint.Send(NS, far, 1024, 1))),
                Durations.US, 1, true);
        // NIC -> leaf -> spine -> leaf -> NIC: three links into switches and one into the NIC
        long treeExpected = 3 * (20 + 120) * NS + 20 * NS + BXI.linkBandwidth().serialisation(1024);
        assertEquals(treeExpected, FabricRuns.histogram(t, FabricPlatform.nicId(tree, far) , "endpoint.latency.ps").getMax());
    }

    @Test
    void streamingBandwidthTendsToTheLinkRate() {
        FabricGraph star = new Star(2, 48).build();
        int packets = 2000;
        int size = 4096;
        RunResult r = run(star, "shortest-path", Map.of(0, List.of(new TrafficEndpoint.Send(NS, 1, size, packets))),
                Durations.MS, 1, true);
        assertEquals(packets, FabricRuns.counter(r, "n0001.nic", "endpoint.received.packets"));
        long lastTail = FabricRuns.counter(r, "n0001.nic", "endpoint.last-tail-at.ps");
        double seconds = (lastTail - NS) / 1e12;
        double gbps = packets * (double) size * 8 / seconds / 1e9;
        assertTrue(gbps > 99.0 && gbps <= 100.0, "achieved " + gbps + " Gb/s on a 100 Gb/s link");
    }

    private static Map<Integer, List<TrafficEndpoint.Send>> incast(int senders, int packets) {
        Map<Integer, List<TrafficEndpoint.Send>> scripts = new HashMap<>();
        for (int s = 1; s <= senders; s++) scripts.put(s, List.of(new TrafficEndpoint.Send(NS, 0, 2048, packets)));
        return scripts;
    }

    @Test
    void incastQueuesAsTheReceiversLinkDictatesWithoutLoss() {
        double previousMean = 0;
        for (int senders : new int[] {1, 2, 4, 8}) {
            int packets = 200;
            FabricGraph star = new Star(senders + 1, 48).build();
            RunResult r = run(star, "shortest-path", incast(senders, packets), Durations.MS, 1, true);
            assertEquals((long) senders * packets, FabricRuns.counter(r, "n0000.nic", "endpoint.received.packets"),
                    "nothing lost with " + senders + " senders");
            long occupancy = FabricRuns.counter(r, "sw0000", "switch.input.max-occupancy.bytes");
            assertTrue(occupancy <= BXI.inputBuffer(), "buffer within capacity: " + occupancy);
            // the receiver's link is the bottleneck: the whole incast drains at its rate
            long lastTail = FabricRuns.counter(r, "n0000.nic", "endpoint.last-tail-at.ps");
            long drain = BXI.linkBandwidth().serialisation((long) senders * packets * 2048);
            assertTrue(lastTail >= NS + drain && lastTail < NS + drain + Durations.US,
                    senders + " senders: last tail at " + lastTail + " ps, drain time " + drain + " ps");
            var latency = FabricRuns.histogram(r, "n0000.nic", "endpoint.latency.ps");
            double mean = latency.getSum() / (double) latency.getCount();
            assertTrue(mean > previousMean, senders + " senders: mean latency " + mean + " grows");
            previousMean = mean;
            if (senders > 1) {
                // the switch's input buffers fill up and push back on the senders
                assertTrue(occupancy > BXI.inputBuffer() / 2, senders + " senders: occupancy " + occupancy);
                assertTrue(FabricRuns.counter(r, "n0001.nic", "endpoint.credit-waits") > 0, "back-pressure appeared");
            }
        }
    }

    @Test
    void valiantDetoursThroughAnotherGroupAndStillDeliversEverything() {
        FabricGraph dragonfly = new org.bxiemu.fabric.topology.Dragonfly(5, 4, 2, 2, 48).build();
        Map<Integer, List<TrafficEndpoint.Send>> scripts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < dragonfly.nodes(); n++) {
            int dst = (n + dragonfly.nodes() / 2) % dragonfly.nodes();
            scripts.put(n, List.of(new TrafficEndpoint.Send(1 + random.nextInt(500) * NS, dst, 512, 10)));
        }
        double[] meanHops = new double[2];
        String[] routings = {"minimal", "valiant"};
        for (int i = 0; i < 2; i++) {
            FabricManager manager = new FabricManager(dragonfly, routings[i]);
            RunResult r = FabricRuns.run(manager, BXI, scripts, 50 * Durations.US, 2, true);
            long received = 0;
            long hops = 0;
            for (int n = 0; n < dragonfly.nodes(); n++) {
                String nic = FabricPlatform.nicId(dragonfly, n);
                received += FabricRuns.counter(r, nic, "endpoint.received.packets");
                hops += FabricRuns.histogram(r, nic, "endpoint.hops").getSum();
            }
            assertEquals(10L * dragonfly.nodes(), received, routings[i] + " delivers every packet");
            meanHops[i] = hops / (double) received;
        }
        assertTrue(meanHops[0] <= 4, "minimal: at most local-global-local plus the two leaf switches: " + meanHops[0]);
        assertTrue(meanHops[1] > meanHops[0] + 0.5, "valiant detours: " + meanHops[1] + " vs " + meanHops[0]);
    }

    @Test
    void virtualChannelsKeepATorusUnderHeavyLoadFromDeadlocking() {
        FabricGraph torus = new org.bxiemu.fabric.topology.Torus(List.of(6, 6), 1, 48).build();
        FabricManager manager = new FabricManager(torus, "dimension-order");
        FabricSettings smallBuffers = new FabricSettings(BXI.linkBandwidth(), BXI.cableLatency(), BXI.hopLatency(),
                8 * 1024);
        Map<Integer, List<TrafficEndpoint.Send>> scripts = new HashMap<>();
        int nodes = torus.nodes();
        for (int n = 0; n < nodes; n++) {
            // everyone sends to the node half-way round both rings: every ring link is loaded
            int x = n % 6;
            int y = n / 6;
            int dst = ((y + 3) % 6) * 6 + (x + 3) % 6;
            scripts.put(n, List.of(new TrafficEndpoint.Send(NS, dst, 4096, 100)));
        }
        int channels = VirtualChannels.count(manager);
        assertEquals(7, channels, "longest dimension-order route on a 6x6 torus crosses 7 switches");
        long end = 2 * Durations.MS;
        RunResult withChannels = FabricRuns.run(torus, FabricPlatform.router(manager), channels, smallBuffers,
                scripts, end, 1, true);
        RunResult single = FabricRuns.run(torus, FabricPlatform.router(manager), 1, smallBuffers, scripts, end, 1,
                true);
        long delivered = 0;
        long deliveredSingle = 0;
        for (int n = 0; n < nodes; n++) {
            delivered += FabricRuns.counter(withChannels, FabricPlatform.nicId(torus, n), "endpoint.received.packets");
            deliveredSingle += FabricRuns.counter(single, FabricPlatform.nicId(torus, n), "endpoint.received.packets");
        }
        assertEquals(100L * nodes, delivered, "with virtual channels every packet arrives");
        assertTrue(deliveredSingle < 100L * nodes, "one channel deadlocks on the rings: " + deliveredSingle);
    }

    @Test
    void digestIsTheSameForEveryPartitioningAndExecutionMode() {
        FabricGraph tree = new FatTree(4, 2, 4, 8).build();
        SplittableRandom random = new SplittableRandom(3);
        Map<Integer, List<TrafficEndpoint.Send>> scripts = new HashMap<>();
        for (int n = 0; n < tree.nodes(); n++) {
            List<TrafficEndpoint.Send> sends = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                int dst = random.nextInt(tree.nodes());
                if (dst == n) continue;
                sends.add(new TrafficEndpoint.Send(1 + random.nextInt(2000) * NS, dst, 64 + random.nextInt(4033), 3));
            }
            scripts.put(n, sends);
        }
        RunResult reference = run(tree, "d-mod-k", scripts, 20 * Durations.US, 1, true);
        long delivered = 0;
        for (int n = 0; n < tree.nodes(); n++) {
            delivered += FabricRuns.counter(reference, FabricPlatform.nicId(tree, n), "endpoint.received.packets");
        }
        long sent = scripts.values().stream().flatMap(List::stream).mapToLong(TrafficEndpoint.Send::count).sum();
        assertEquals(sent, delivered, "every packet delivered");
        for (int partitions : new int[] {2, 3}) {
            for (boolean fusion : new boolean[] {true, false}) {
                RunResult r = run(tree, "d-mod-k", scripts, 20 * Durations.US, partitions, fusion);
                assertEquals(reference.digest(), r.digest(), "partitions=" + partitions + " fusion=" + fusion);
                assertTrue(partitions == 1 || r.crossPartitionEvents() > 0);
            }
        }
    }
}
