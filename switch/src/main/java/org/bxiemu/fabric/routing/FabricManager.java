package org.bxiemu.fabric.routing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.fabric.topology.Dragonfly;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.FatTree;
import org.bxiemu.fabric.topology.Link;
import org.bxiemu.fabric.topology.Torus;

/**
 * Computes a fabric's routing tables, and recomputes them around failed links and switches.
 *
 * <p>After failures, each table entry keeps the algorithm's own choice when the algorithm's whole
 * route from that switch is intact, and otherwise takes the shortest-path choice over the
 * surviving fabric. A route therefore makes shortest-path steps, each one hop closer, until it
 * joins an intact route of the algorithm, which it then follows: every destination still
 * connected is reached, with no loop and no failed element on the way. Tables depend only on the
 * set of failures (not on their order or history), so a link that comes back is handled by
 * recomputing without it.
 */
public final class FabricManager {
    public static final String ROUTING_KEY = "switch.routing";
    /** Chooses the topology's own algorithm: d-mod-k, minimal, dimension-order, else shortest-path. */
    public static final String AUTO = "auto";
    /** Every algorithm name, sorted. */
    public static final List<String> ROUTINGS =
            List.of(DModK.NAME, DimensionOrder.NAME, Minimal.NAME, ShortestPath.NAME, Valiant.NAME);

    private static final byte UNKNOWN = 0;
    private static final byte INTACT = 1;
    private static final byte BROKEN = 2;

    private final FabricGraph graph;
    private final Routing routing;
    private final RoutingTables intact;

    /** @param routingName a name of {@link #ROUTINGS} that fits the graph's topology, or {@link #AUTO} */
    public FabricManager(FabricGraph graph, String routingName) {
        this.graph = graph;
        this.routing = routing(graph, routingName);
        this.intact = routing.tables();
    }

    /** Reads {@code switch.routing}. */
    public static FabricManager fromConfig(FabricGraph graph, Config config) {
        String name;
        try {
            name = config.getString(ROUTING_KEY);
        } catch (ConfigException.Missing e) {
            throw new BadInputException(ROUTING_KEY + ": missing (expected one of " + AUTO + ", "
                    + String.join(", ", ROUTINGS) + ")");
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(ROUTING_KEY + ": expected a routing name, got " + e.getMessage());
        }
        return new FabricManager(graph, name);
    }

    /** The algorithm called {@code name}, bound to {@code graph}. */
    public static Routing routing(FabricGraph graph, String name) {
        String chosen = name.equals(AUTO) ? nativeRouting(graph) : name;
        return switch (chosen) {
            case DModK.NAME -> new DModK(graph);
            case Minimal.NAME -> new Minimal(graph);
            case Valiant.NAME -> new Valiant(graph);
            case DimensionOrder.NAME -> new DimensionOrder(graph);
            case ShortestPath.NAME -> new ShortestPath(graph);
            default -> throw new BadInputException(ROUTING_KEY + ": unknown routing '" + name + "' (known: " + AUTO
                    + ", " + String.join(", ", ROUTINGS) + ")");
        };
    }

    public FabricGraph graph() {
        return graph;
    }

    /** The algorithm in use (cast to {@link Valiant} for its per-packet choice). */
    public Routing routing() {
        return routing;
    }

    /** The tables of the intact fabric. */
    public RoutingTables tables() {
        return intact;
    }

    /**
     * Tables that avoid every failed link and switch. Ports of a failed switch, and ports towards
     * nodes of a failed switch or of a part of the fabric cut off, are −1.
     *
     * @param failedLinks    links of this graph ({@link FabricGraph#links()}, {@link FabricGraph#link(String)})
     * @param failedSwitches switch indices
     */
    public RoutingTables recompute(Collection<Link> failedLinks, Collection<Integer> failedSwitches) {
        Failures failures = Failures.of(graph, failedLinks, failedSwitches);
        if (failures.isEmpty()) return intact;
        RoutingTables fallback = ShortestPath.tables(graph, failures, routing.name());
        int switches = graph.switches();
        short[][] toNode = new short[switches][graph.nodes()];
        short[][] toSwitch = new short[switches][switches];
        byte[] state = new byte[switches];
        int[] path = new int[switches + 1];
        for (int node = 0; node < graph.nodes(); node++) {
            merge(failures, intact.nodeTable(), fallback.nodeTable(), toNode, node, graph.attachedSwitch(node),
                    state, path);
        }
        for (int target = 0; target < switches; target++) {
            merge(failures, intact.switchTable(), fallback.switchTable(), toSwitch, target, target, state, path);
        }
        return new RoutingTables(routing.name(), toNode, toSwitch);
    }

    /**
     * Fills column {@code column} of {@code out}: the algorithm's port where its route from that
     * switch to {@code arrival} (the destination's switch) is intact, the fallback's elsewhere.
     * Each switch's verdict is found once, by walking the algorithm's route until a switch
     * already judged, a failed element, or the arrival.
     */
    private void merge(Failures failures, short[][] own, short[][] fallback, short[][] out, int column, int arrival,
            byte[] state, int[] path) {
        Arrays.fill(state, UNKNOWN);
        for (int start = 0; start < state.length; start++) {
            int length = 0;
            int sw = start;
            byte verdict;
            while (true) {
                if (state[sw] != UNKNOWN) {
                    verdict = state[sw];
                    break;
                }
                if (length > state.length) {
                    throw new IllegalStateException(routing.name() + " loops on its way from " + graph.switchId(start)
                            + " (column " + column + ")");
                }
                path[length++] = sw;
                if (failures.switchDown(sw)) {
                    verdict = BROKEN;
                    break;
                }
                if (sw == arrival) {
                    verdict = INTACT;
                    break;
                }
                int port = own[sw][column];
                if (port < 0 || !failures.hopUsable(sw, port)) {
                    verdict = BROKEN;
                    break;
                }
                sw = graph.peer(sw, port).index();
            }
            for (int i = 0; i < length; i++) state[path[i]] = verdict;
            out[start][column] = failures.switchDown(start) ? RoutingTables.UNREACHABLE
                    : state[start] == INTACT ? own[start][column] : fallback[start][column];
        }
    }

    private static String nativeRouting(FabricGraph graph) {
        return switch (graph.topology()) {
            case FatTree t -> DModK.NAME;
            case Dragonfly d -> Minimal.NAME;
            case Torus t -> DimensionOrder.NAME;
            default -> ShortestPath.NAME;
        };
    }

    /** The error for an algorithm asked of a topology it does not fit. */
    static BadInputException misfit(String routing, String needs, FabricGraph graph) {
        return new BadInputException(ROUTING_KEY + ": " + routing + " needs a " + needs + " topology, switch.topology is "
                + graph.topology().name() + " (fitting: " + String.join(", ", fitting(graph)) + ")");
    }

    /** The algorithms that fit a graph's topology, sorted. */
    public static List<String> fitting(FabricGraph graph) {
        TreeSet<String> names = new TreeSet<>(List.of(AUTO, nativeRouting(graph), ShortestPath.NAME));
        if (graph.topology() instanceof Dragonfly) names.add(Valiant.NAME);
        return List.copyOf(names);
    }
}
