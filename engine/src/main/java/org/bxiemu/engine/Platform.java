package org.bxiemu.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What is emulated: components (id, placement group, ports, how to create one) and the links
 * between their ports. Every JVM of a run builds the same Platform from the same configuration
 * and instantiates only the components of its own partitions. Component indices follow id
 * order, so the total event order (time, sender, sequence) is the same everywhere.
 */
public final class Platform {
    /** One component: {@code group} keeps components in one partition (e.g. a node's parts). */
    public record ComponentSpec(String id, String group, List<String> ports, Supplier<? extends Component> factory) {}

    private final List<ComponentSpec> components;
    private final Link[][] links;
    private final Map<String, Integer> indexById;
    private final int activeComponents;

    private Platform(List<ComponentSpec> components, Link[][] links, Map<String, Integer> indexById,
            int activeComponents) {
        this.components = components;
        this.links = links;
        this.indexById = indexById;
        this.activeComponents = activeComponents;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return components.size();
    }

    /**
     * How many components are expected to handle most of the events (a job's nodes, not the
     * cluster's idle ones; every PHOLD LP): what {@code engine.partitions-per-jvm = auto} sizes
     * the partitions by. All of them unless the platform said otherwise.
     */
    public int activeComponents() {
        return activeComponents;
    }

    public ComponentSpec component(int index) {
        return components.get(index);
    }

    public String id(int index) {
        return components.get(index).id();
    }

    public int indexOf(String id) {
        Integer i = indexById.get(id);
        if (i == null) throw new IllegalArgumentException("no component '" + id + "'");
        return i;
    }

    Link[] links(int index) {
        return links[index];
    }

    /** Assembles a platform; ids must be unique, links must join declared ports. */
    public static final class Builder {
        private final List<ComponentSpec> specs = new ArrayList<>();
        private final List<PendingLink> pending = new ArrayList<>();
        /** Empty: every component counts as active. */
        private java.util.OptionalInt activeComponents = java.util.OptionalInt.empty();

        private record PendingLink(String name, long latency, long reverseLatency, String[] ids, String port,
                String fromPort, boolean mesh) {}

        /** See {@link Platform#activeComponents}: only a hint for partitioning, never a result. */
        public Builder activeComponents(int n) {
            if (n < 0) throw new IllegalArgumentException("negative active component count " + n);
            activeComponents = java.util.OptionalInt.of(n);
            return this;
        }

        public Builder component(String id, String group, Supplier<? extends Component> factory, String... ports) {
            specs.add(new ComponentSpec(id, group, List.of(ports), factory));
            return this;
        }

        /**
         * Stops component {@code id} for good at virtual time {@code at} (&gt; 0): from then on it
         * handles no event (a crashed node's parts). Call after {@link #component} for that id.
         */
        public Builder haltAt(String id, long at) {
            if (at <= 0) throw new IllegalArgumentException(id + ": halt time must be positive, was " + at + "ps");
            for (int i = 0; i < specs.size(); i++) {
                ComponentSpec spec = specs.get(i);
                if (!spec.id().equals(id)) continue;
                Supplier<? extends Component> factory = spec.factory();
                specs.set(i, new ComponentSpec(spec.id(), spec.group(), spec.ports(), () -> {
                    Component c = factory.get();
                    c.haltAt = c.haltAt < 0 ? at : Math.min(c.haltAt, at);
                    return c;
                }));
                return this;
            }
            throw new IllegalArgumentException("haltAt: no component '" + id + "'");
        }

        /** A bidirectional point-to-point link; each direction has {@code latency} ps. */
        public Builder connect(String idA, String portA, String idB, String portB, long latency) {
            return connect(idA, portA, idB, portB, latency, latency);
        }

        /**
         * A bidirectional point-to-point link whose directions differ: A to B takes {@code latencyAtoB}
         * ps, B to A {@code latencyBtoA} (e.g. a switch's forwarding delay paid on the way in only).
         */
        public Builder connect(String idA, String portA, String idB, String portB, long latencyAtoB,
                long latencyBtoA) {
            String name = idA + "." + portA + "-" + idB + "." + portB;
            pending.add(new PendingLink(name, latencyAtoB, latencyBtoA, new String[] {idA, idB}, portB, portA, false));
            return this;
        }

        /** An all-to-all link between {@code ids} through their port {@code port}. */
        public Builder mesh(String name, List<String> ids, String port, long latency) {
            pending.add(new PendingLink(name, latency, latency, ids.toArray(String[]::new), port, port, true));
            return this;
        }

        public Platform build() {
            List<ComponentSpec> sorted = new ArrayList<>(specs);
            sorted.sort(Comparator.comparing(ComponentSpec::id));
            Map<String, Integer> indexById = new HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                if (indexById.put(sorted.get(i).id(), i) != null) {
                    throw new BadInputException("platform: component id '" + sorted.get(i).id() + "' is used twice");
                }
            }
            Link[][] links = new Link[sorted.size()][];
            for (int i = 0; i < sorted.size(); i++) links[i] = new Link[sorted.get(i).ports().size()];
            for (PendingLink l : pending) {
                if (l.latency() <= 0 || l.reverseLatency() <= 0) {
                    throw new BadInputException("link " + l.name() + ": latency "
                            + Math.min(l.latency(), l.reverseLatency())
                            + "ps; every link needs a positive latency (it bounds the lookahead)");
                }
                if (l.mesh()) {
                    int[] members = new int[l.ids().length];
                    int[] ports = new int[members.length];
                    for (int k = 0; k < members.length; k++) {
                        members[k] = resolve(indexById, l.ids()[k], l.name());
                        ports[k] = portIndex(sorted.get(members[k]), l.port(), l.name());
                    }
                    Link.Mesh mesh = new Link.Mesh(l.name(), l.latency(), members, ports);
                    for (int k = 0; k < members.length; k++) attach(links, members[k], ports[k], mesh);
                } else {
                    int a = resolve(indexById, l.ids()[0], l.name());
                    int b = resolve(indexById, l.ids()[1], l.name());
                    int pa = portIndex(sorted.get(a), l.fromPort(), l.name());
                    int pb = portIndex(sorted.get(b), l.port(), l.name());
                    attach(links, a, pa, new Link.PointToPoint(l.name(), l.latency(), b, pb));
                    attach(links, b, pb, new Link.PointToPoint(l.name(), l.reverseLatency(), a, pa));
                }
            }
            return new Platform(List.copyOf(sorted), links, indexById,
                    Math.min(activeComponents.orElse(sorted.size()), sorted.size()));
        }

        private static int resolve(Map<String, Integer> indexById, String id, String link) {
            Integer i = indexById.get(id);
            if (i == null) throw new BadInputException("link " + link + ": no component '" + id + "'");
            return i;
        }

        private static int portIndex(ComponentSpec spec, String port, String link) {
            int i = spec.ports().indexOf(port);
            if (i < 0) {
                throw new BadInputException("link " + link + ": component '" + spec.id() + "' has no port '" + port
                        + "' (ports: " + String.join(", ", spec.ports()) + ")");
            }
            return i;
        }

        private static void attach(Link[][] links, int component, int port, Link link) {
            if (links[component][port] != null) {
                throw new BadInputException("link " + link.name() + ": port " + port + " of component "
                        + component + " is already wired to " + links[component][port].name());
            }
            links[component][port] = link;
        }
    }

    @Override
    public String toString() {
        return "Platform" + Arrays.toString(components.stream().map(ComponentSpec::id).limit(4).toArray()) + "…";
    }
}
