package org.bxiemu.fabric.routing;

import java.util.Collection;
import java.util.List;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Link;
import org.bxiemu.fabric.topology.PortPeer;

/** Failed links and switches as flags, so that the order they were given in cannot matter. */
final class Failures {
    private final FabricGraph graph;
    private final boolean[] switchDown;
    private final boolean[][] linkDown; // [switch][port], set on both ends of a failed link
    private final boolean empty;

    private Failures(FabricGraph graph, boolean[] switchDown, boolean[][] linkDown, boolean empty) {
        this.graph = graph;
        this.switchDown = switchDown;
        this.linkDown = linkDown;
        this.empty = empty;
    }

    static Failures none(FabricGraph graph) {
        return of(graph, List.of(), List.of());
    }

    static Failures of(FabricGraph graph, Collection<Link> links, Collection<Integer> switches) {
        boolean[] switchDown = new boolean[graph.switches()];
        boolean[][] linkDown = new boolean[graph.switches()][];
        for (int sw = 0; sw < linkDown.length; sw++) linkDown[sw] = new boolean[graph.radix(sw)];
        for (int sw : switches) {
            if (sw < 0 || sw >= graph.switches()) throw new IllegalArgumentException("no switch " + sw + " in " + graph);
            switchDown[sw] = true;
        }
        for (Link l : links) {
            if (graph.linkAt(l.switchA(), l.portA()).filter(l::equals).isEmpty()) {
                throw new IllegalArgumentException("no link " + l + " in " + graph);
            }
            linkDown[l.switchA()][l.portA()] = true;
            linkDown[l.switchB()][l.portB()] = true;
        }
        return new Failures(graph, switchDown, linkDown, links.isEmpty() && switches.isEmpty());
    }

    boolean isEmpty() {
        return empty;
    }

    boolean switchDown(int sw) {
        return switchDown[sw];
    }

    /** Whether a packet can go from {@code sw} through {@code port} to a live switch. */
    boolean hopUsable(int sw, int port) {
        PortPeer p = graph.peer(sw, port);
        return p.isSwitch() && !switchDown[sw] && !linkDown[sw][port] && !switchDown[p.index()];
    }
}
