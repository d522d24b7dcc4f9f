package org.bxiemu.fabric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bxiemu.engine.faults.Fault;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.engine.faults.Targets.TargetClass;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.routing.RoutingTables;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;
import org.bxiemu.fabric.topology.PortPeer;

/**
 * What a fault plan does to a fabric: each switch's and NIC's link faults by port, and the fabric
 * manager's reroutes. A cable is named by either of its switch ports ({@code sw0003.p7}); a port
 * is down while its cable is down, while the switch at either end is down, and from the crash of
 * the node it faces. The fabric manager learns of a failed cable or switch {@code detection}
 * after it fails (and after it returns) and then loads tables that avoid what is failed at that
 * time; the tables depend only on that set, so they are computed once here, for every switch.
 */
public final class FabricFaults {
    /** New tables that every switch loads at {@code at}. */
    public record Reroute(long at, PacketRouter router, int failedLinks, int failedSwitches) {}

    public static final FabricFaults NONE = new FabricFaults(null, null, FaultPlan.NONE, List.of());

    private final FabricGraph graph;
    private final FabricManager manager;
    private final FaultPlan plan;
    private final List<Reroute> reroutes;

    private FabricFaults(FabricGraph graph, FabricManager manager, FaultPlan plan, List<Reroute> reroutes) {
        this.graph = graph;
        this.manager = manager;
        this.plan = plan;
        this.reroutes = List.copyOf(reroutes);
    }

    public static FabricFaults of(FaultPlan plan, FabricGraph graph, FabricManager manager) {
        if (plan.isEmpty()) return NONE;
        FabricFaults partial = new FabricFaults(graph, manager, plan, List.of());
        return new FabricFaults(graph, manager, plan, partial.computeReroutes());
    }

    /** The id fault plans use for the cable at a switch port. */
    public static String portId(FabricGraph graph, int sw, int port) {
        return graph.switchId(sw) + ".p" + port;
    }

    /** Every cabled switch port (to a NIC or another switch), as fault plans name links. */
    public static List<String> linkIds(FabricGraph graph) {
        List<String> ids = new ArrayList<>();
        for (int sw = 0; sw < graph.switches(); sw++) {
            for (int p = 0; p < graph.radix(sw); p++) {
                if (graph.peer(sw, p).kind() != PortPeer.Kind.NONE) ids.add(portId(graph, sw, p));
            }
        }
        return ids;
    }

    public static List<String> switchIds(FabricGraph graph) {
        List<String> ids = new ArrayList<>();
        for (int sw = 0; sw < graph.switches(); sw++) ids.add(graph.switchId(sw));
        return ids;
    }

    public List<Reroute> reroutes() {
        return reroutes;
    }

    /** Switch {@code sw}'s link faults, by port (a new object: it keeps per-port state). */
    public LinkFaults forSwitch(int sw) {
        if (plan.isEmpty()) return LinkFaults.NONE;
        PlannedLinkFaults.PortPlan[] ports = new PlannedLinkFaults.PortPlan[graph.radix(sw)];
        boolean any = false;
        for (int p = 0; p < ports.length; p++) {
            PortPeer peer = graph.peer(sw, p);
            if (peer.kind() == PortPeer.Kind.NONE) continue;
            List<long[]> down = new ArrayList<>(switchDowns(graph.switchId(sw)));
            if (peer.isSwitch()) down.addAll(switchDowns(graph.switchId(peer.index())));
            if (peer.isNode()) {
                for (Fault.NodeCrash c : plan.on(Fault.NodeCrash.class, TargetClass.NODE, graph.nodeId(peer.index()))) {
                    down.add(new long[] {c.when().start(), Fault.When.FOREVER});
                }
            }
            ports[p] = portPlan(cableIds(sw, p), down);
            if (ports[p] == null) continue;
            any = true;
        }
        return any ? new PlannedLinkFaults(ports) : LinkFaults.NONE;
    }

    /** Node {@code node}'s NIC's link faults ({@code net} is its port 0). */
    public LinkFaults forNic(int node) {
        if (plan.isEmpty()) return LinkFaults.NONE;
        int sw = graph.attachedSwitch(node);
        PlannedLinkFaults.PortPlan net = portPlan(cableIds(sw, graph.attachedPort(node)),
                new ArrayList<>(switchDowns(graph.switchId(sw))));
        if (net == null) return LinkFaults.NONE;
        PlannedLinkFaults.PortPlan[] ports = new PlannedLinkFaults.PortPlan[FabricPlatform.NIC_PORTS.length];
        ports[java.util.Arrays.asList(FabricPlatform.NIC_PORTS).indexOf(FabricPlatform.NIC_PORT)] = net;
        return new PlannedLinkFaults(ports);
    }

    /** Both names of the cable at a switch port (one for a NIC's cable). */
    private String[] cableIds(int sw, int port) {
        PortPeer peer = graph.peer(sw, port);
        return peer.isSwitch() ? new String[] {portId(graph, sw, port), portId(graph, peer.index(), peer.port())}
                : new String[] {portId(graph, sw, port)};
    }

    private PlannedLinkFaults.PortPlan portPlan(String[] cable, List<long[]> down) {
        down.addAll(linkDowns(cable));
        long[] flat = new long[down.size() * 2];
        for (int i = 0; i < down.size(); i++) {
            flat[2 * i] = down.get(i)[0];
            flat[2 * i + 1] = down.get(i)[1];
        }
        PlannedLinkFaults.PortPlan p = new PlannedLinkFaults.PortPlan(flat,
                plan.on(Fault.PacketLoss.class, TargetClass.LINK, cable),
                plan.on(Fault.PacketCorruption.class, TargetClass.LINK, cable),
                plan.on(Fault.LinkDelay.class, TargetClass.LINK, cable));
        return p.isEmpty() ? null : p;
    }

    /** [from, to) of each link-down of a cable; an open one ends at the first link-up of the cable after it. */
    private List<long[]> linkDowns(String[] cable) {
        List<long[]> out = new ArrayList<>();
        List<Fault.LinkUp> ups = plan.on(Fault.LinkUp.class, TargetClass.LINK, cable);
        for (Fault.LinkDown d : plan.on(Fault.LinkDown.class, TargetClass.LINK, cable)) {
            long end = d.when().end();
            if (end == Fault.When.FOREVER) {
                for (Fault.LinkUp u : ups) {
                    if (u.when().start() > d.when().start()) end = Math.min(end, u.when().start());
                }
            }
            out.add(new long[] {d.when().start(), end, d.detection()});
        }
        return out;
    }

    private List<long[]> switchDowns(String switchId) {
        List<long[]> out = new ArrayList<>();
        for (Fault.SwitchDown d : plan.on(Fault.SwitchDown.class, TargetClass.SWITCH, switchId)) {
            out.add(new long[] {d.when().start(), d.when().end(), d.detection()});
        }
        return out;
    }

    /** When the fabric manager knows each cable or switch failed: [failure + detection, return + detection). */
    private List<Reroute> computeReroutes() {
        Map<Link, List<long[]>> linkKnown = new LinkedHashMap<>();
        for (Link l : graph.links()) {
            List<long[]> known = new ArrayList<>();
            for (long[] d : linkDowns(new String[] {portId(graph, l.switchA(), l.portA()),
                    portId(graph, l.switchB(), l.portB())})) {
                known.add(known(d));
            }
            if (!known.isEmpty()) linkKnown.put(l, known);
        }
        Map<Integer, List<long[]>> switchKnown = new LinkedHashMap<>();
        for (int sw = 0; sw < graph.switches(); sw++) {
            List<long[]> known = new ArrayList<>();
            for (long[] d : switchDowns(graph.switchId(sw))) known.add(known(d));
            if (!known.isEmpty()) switchKnown.put(sw, known);
        }
        TreeSet<Long> times = new TreeSet<>();
        for (List<long[]> ks : linkKnown.values()) for (long[] k : ks) { times.add(k[0]); times.add(k[1]); }
        for (List<long[]> ks : switchKnown.values()) for (long[] k : ks) { times.add(k[0]); times.add(k[1]); }
        times.remove(Fault.When.FOREVER);
        List<Reroute> out = new ArrayList<>();
        List<Link> previousLinks = List.of();
        List<Integer> previousSwitches = List.of();
        for (long t : times) {
            List<Link> links = new ArrayList<>();
            linkKnown.forEach((l, ks) -> { if (covers(ks, t)) links.add(l); });
            List<Integer> switches = new ArrayList<>();
            switchKnown.forEach((sw, ks) -> { if (covers(ks, t)) switches.add(sw); });
            if (links.equals(previousLinks) && switches.equals(previousSwitches)) continue;
            RoutingTables tables = manager.recompute(links, switches);
            out.add(new Reroute(t, FabricPlatform.router(manager, tables), links.size(), switches.size()));
            previousLinks = links;
            previousSwitches = switches;
        }
        return out;
    }

    private static long[] known(long[] down) {
        long detection = down[2];
        return new long[] {satAdd(down[0], detection), satAdd(down[1], detection)};
    }

    private static long satAdd(long t, long d) {
        return t == Fault.When.FOREVER || t > Fault.When.FOREVER - d ? Fault.When.FOREVER : t + d;
    }

    private static boolean covers(List<long[]> intervals, long t) {
        for (long[] k : intervals) if (t >= k[0] && t < k[1]) return true;
        return false;
    }
}
