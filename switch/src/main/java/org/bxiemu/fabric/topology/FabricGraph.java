package org.bxiemu.fabric.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bxiemu.engine.BadInputException;

/**
 * An immutable fabric: switches {@code 0..S-1} (ids {@code sw0000}…), each with a radix, and
 * nodes {@code 0..N-1} (ids {@code n0000}…) whose single NIC port is cabled to one switch port.
 * Every switch port is unused, attached to a node, or linked to a port of another switch.
 *
 * <p>Ids are zero-padded to at least four digits, more when the count needs them, so that ids
 * sort as their indices do. Per-switch placement ({@link #level}, {@link #group},
 * {@link #coordinates}) is what the topology that built the graph says it is.
 */
public final class FabricGraph {
    /** Ports are stored in routing tables as 16-bit values. */
    public static final int MAX_RADIX = Short.MAX_VALUE;
    /** Upper bounds that keep index arithmetic and per-switch tables within reason. */
    public static final int MAX_SWITCHES = 1 << 20;
    public static final int MAX_NODES = 1 << 22;

    private final Topology topology;
    private final int[] radix;
    private final PortPeer[][] peers;
    private final int[] nodeSwitch;
    private final int[] nodePort;
    private final int[] level;
    private final int[] group;
    private final int[][] coordinates;
    private final List<Link> links;
    private final Link[][] linkAtPort; // [switch][port], null where the port faces no switch
    private final int switchIdDigits;
    private final int nodeIdDigits;

    private FabricGraph(Builder b, List<Link> links) {
        this.topology = b.topology;
        this.radix = b.radix.clone();
        this.peers = new PortPeer[b.radix.length][];
        for (int sw = 0; sw < peers.length; sw++) peers[sw] = b.peers[sw].clone();
        this.nodeSwitch = b.nodeSwitch.clone();
        this.nodePort = b.nodePort.clone();
        this.level = b.level.clone();
        this.group = b.group.clone();
        this.coordinates = new int[b.coordinates.length][];
        for (int sw = 0; sw < coordinates.length; sw++) coordinates[sw] = b.coordinates[sw].clone();
        this.links = List.copyOf(links);
        this.linkAtPort = new Link[radix.length][];
        for (int sw = 0; sw < radix.length; sw++) linkAtPort[sw] = new Link[radix[sw]];
        for (Link l : this.links) {
            linkAtPort[l.switchA()][l.portA()] = l;
            linkAtPort[l.switchB()][l.portB()] = l;
        }
        this.switchIdDigits = digits(radix.length);
        this.nodeIdDigits = digits(nodeSwitch.length);
    }

    /**
     * A builder for a graph of {@code radices.length} switches and {@code nodes} nodes.
     *
     * @param configKey named in every validation error, e.g. {@code switch.fat-tree}
     */
    public static Builder builder(Topology topology, String configKey, int[] radices, int nodes) {
        return new Builder(topology, configKey, radices, nodes);
    }

    /** The topology (with its parameters) that built this graph. */
    public Topology topology() {
        return topology;
    }

    public int switches() {
        return radix.length;
    }

    public int nodes() {
        return nodeSwitch.length;
    }

    public int radix(int sw) {
        return radix[sw];
    }

    public PortPeer peer(int sw, int port) {
        return peers[sw][port];
    }

    /** The switch port a node's NIC is cabled to. */
    public SwitchPort attachment(int node) {
        return new SwitchPort(nodeSwitch[node], nodePort[node]);
    }

    /** The switch a node's NIC is cabled to (the allocation-free half of {@link #attachment}). */
    public int attachedSwitch(int node) {
        return nodeSwitch[node];
    }

    /** The switch port a node's NIC is cabled to (the allocation-free half of {@link #attachment}). */
    public int attachedPort(int node) {
        return nodePort[node];
    }

    /** The nodes cabled to a switch, in port order. */
    public int[] nodesAt(int sw) {
        return Arrays.stream(peers[sw]).filter(PortPeer::isNode).mapToInt(PortPeer::index).toArray();
    }

    /** Fat tree: 0 for leaf switches, up to levels − 1 for the top. 0 in other topologies. */
    public int level(int sw) {
        return level[sw];
    }

    /** Dragonfly: the group of a router. 0 in other topologies. */
    public int group(int sw) {
        return group[sw];
    }

    /** Torus: the switch's coordinates, dimension 0 first. Empty in other topologies. */
    public int[] coordinates(int sw) {
        return coordinates[sw].clone();
    }

    /** Every inter-switch cable, ordered by (lower switch, its port). */
    public List<Link> links() {
        return links;
    }

    /** The link with this name ({@code sw0003.p7-sw0010.p2}), if there is one. */
    public Optional<Link> link(String name) {
        for (Link l : links) if (l.name().equals(name)) return Optional.of(l);
        return Optional.empty();
    }

    /** The link cabled to a switch port, if the port faces another switch. */
    public Optional<Link> linkAt(int sw, int port) {
        return Optional.ofNullable(linkAtPort[sw][port]);
    }

    public String switchId(int sw) {
        return switchId(sw, switchIdDigits);
    }

    public String nodeId(int node) {
        return nodeId(node, nodeIdDigits);
    }

    public OptionalInt switchIndex(String id) {
        return parseId(id, "sw", switchIdDigits, switches());
    }

    public OptionalInt nodeIndex(String id) {
        return parseId(id, "n", nodeIdDigits, nodes());
    }

    @Override
    public String toString() {
        return topology.name() + ": " + switches() + " switches, " + nodes() + " nodes, " + links.size() + " links";
    }

    private static Link newLink(int a, int pa, int b, int pb, int digits) {
        return new Link(a, pa, b, pb, switchId(a, digits) + ".p" + pa + "-" + switchId(b, digits) + ".p" + pb);
    }

    private static String switchId(int sw, int digits) {
        return "sw" + pad(sw, digits);
    }

    private static String nodeId(int node, int digits) {
        return "n" + pad(node, digits);
    }

    private static OptionalInt parseId(String id, String prefix, int digits, int count) {
        if (id == null || id.length() != prefix.length() + digits || !id.startsWith(prefix)) return OptionalInt.empty();
        int value = 0;
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') return OptionalInt.empty();
            value = value * 10 + (c - '0');
        }
        return value < count ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** Digits of the largest index, at least four. */
    private static int digits(int count) {
        return Math.max(4, String.valueOf(Math.max(0, count - 1)).length());
    }

    private static String pad(int value, int digits) {
        String s = Integer.toString(value);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }

    /**
     * Collects cables and placement, checking each cable as it is added and that every node is
     * cabled at {@link #build()}. Every error names the caller's configuration key, since a broken
     * graph means broken parameters.
     */
    public static final class Builder {
        private final Topology topology;
        private final String configKey;
        private final int[] radix;
        private final PortPeer[][] peers;
        private final int[] nodeSwitch;
        private final int[] nodePort;
        private final int[] level;
        private final int[] group;
        private final int[][] coordinates;

        private Builder(Topology topology, String configKey, int[] radices, int nodes) {
            this.topology = topology;
            this.configKey = configKey;
            if (radices.length < 1 || radices.length > MAX_SWITCHES) {
                throw bad(radices.length + " switches is out of range 1.." + MAX_SWITCHES);
            }
            if (nodes < 1 || nodes > MAX_NODES) throw bad(nodes + " nodes is out of range 1.." + MAX_NODES);
            this.radix = radices.clone();
            this.peers = new PortPeer[radices.length][];
            for (int sw = 0; sw < radices.length; sw++) {
                if (radices[sw] < 1 || radices[sw] > MAX_RADIX) {
                    throw bad("switch " + sw + " has radix " + radices[sw] + ", out of range 1.." + MAX_RADIX);
                }
                peers[sw] = new PortPeer[radices[sw]];
                Arrays.fill(peers[sw], PortPeer.UNUSED);
            }
            this.nodeSwitch = new int[nodes];
            this.nodePort = new int[nodes];
            Arrays.fill(nodeSwitch, -1);
            this.level = new int[radices.length];
            this.group = new int[radices.length];
            this.coordinates = new int[radices.length][0];
        }

        /** Cables port {@code portA} of switch {@code a} to port {@code portB} of switch {@code b}. */
        public Builder link(int a, int portA, int b, int portB) {
            checkPort(a, portA);
            checkPort(b, portB);
            if (a == b) throw bad(port(a, portA) + " is linked to its own switch (port " + portB + ")");
            claim(a, portA, new PortPeer(PortPeer.Kind.SWITCH, b, portB));
            claim(b, portB, new PortPeer(PortPeer.Kind.SWITCH, a, portA));
            return this;
        }

        /** Cables a node's NIC to port {@code port} of switch {@code sw}. */
        public Builder attach(int node, int sw, int port) {
            if (node < 0 || node >= nodeSwitch.length) throw bad("node " + node + " does not exist");
            checkPort(sw, port);
            if (nodeSwitch[node] >= 0) {
                throw bad(node(node) + " is attached twice (" + port(nodeSwitch[node], nodePort[node]) + ", "
                        + port(sw, port) + ")");
            }
            claim(sw, port, new PortPeer(PortPeer.Kind.NODE, node, 0));
            nodeSwitch[node] = sw;
            nodePort[node] = port;
            return this;
        }

        public Builder level(int sw, int value) {
            checkSwitch(sw);
            level[sw] = value;
            return this;
        }

        public Builder group(int sw, int value) {
            checkSwitch(sw);
            group[sw] = value;
            return this;
        }

        public Builder coordinates(int sw, int... values) {
            checkSwitch(sw);
            coordinates[sw] = values.clone();
            return this;
        }

        public FabricGraph build() {
            for (int node = 0; node < nodeSwitch.length; node++) {
                if (nodeSwitch[node] < 0) throw bad(node(node) + " is attached to no switch");
            }
            // scanning switches then ports in increasing order lists links sorted by (switchA, portA)
            List<Link> links = new ArrayList<>();
            int digits = digits(radix.length);
            for (int sw = 0; sw < peers.length; sw++) {
                for (int port = 0; port < peers[sw].length; port++) {
                    PortPeer p = peers[sw][port];
                    if (p.isSwitch() && sw < p.index()) links.add(newLink(sw, port, p.index(), p.port(), digits));
                }
            }
            return new FabricGraph(this, links);
        }

        private void claim(int sw, int port, PortPeer peer) {
            if (peers[sw][port].kind() != PortPeer.Kind.NONE) {
                throw bad(port(sw, port) + " is used twice (to " + describe(peers[sw][port]) + ", then to "
                        + describe(peer) + ")");
            }
            peers[sw][port] = peer;
        }

        private String describe(PortPeer p) {
            return p.isNode() ? node(p.index()) : port(p.index(), p.port());
        }

        private String port(int sw, int port) {
            return switchId(sw, digits(radix.length)) + ".p" + port;
        }

        private String node(int node) {
            return nodeId(node, digits(nodeSwitch.length));
        }

        private void checkSwitch(int sw) {
            if (sw < 0 || sw >= radix.length) throw bad("switch " + sw + " does not exist");
        }

        private void checkPort(int sw, int port) {
            checkSwitch(sw);
            if (port < 0 || port >= radix[sw]) {
                throw bad(switchId(sw, digits(radix.length)) + " has no port " + port + " (radix " + radix[sw] + ")");
            }
        }

        private BadInputException bad(String what) {
            return new BadInputException(configKey + ": " + what);
        }
    }
}
