package org.bxiemu.node.job;

import com.typesafe.config.Config;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.kernel.process.Placement;
import org.bxiemu.kernel.process.ThreadSpec;

/**
 * A parallel job ({@code job.*}): a program run as {@code ranks-per-node} threads on each of the
 * first {@code nodes} nodes, rank r placed by block (r / ranks-per-node) or round robin
 * (r mod nodes), pinned to one core each. Each thread's arguments carry its rank and the job size.
 */
public record Job(String program, int nodes, int ranksPerNode, Placement placement) {
    public enum Placement { BLOCK, ROUND_ROBIN }

    public static Job from(Config config, int clusterNodes, int coresPerNode) {
        Config c = config.getConfig("job");
        String program = c.getString("program");
        int nodes = c.getString("nodes").equals("all") ? clusterNodes : c.getInt("nodes");
        if (nodes < 1 || nodes > clusterNodes) {
            throw new BadInputException("job.nodes: " + nodes + " is out of range 1.." + clusterNodes + " (the cluster's nodes)");
        }
        int perNode = c.getInt("ranks-per-node");
        if (perNode < 1 || perNode > coresPerNode) {
            throw new BadInputException("job.ranks-per-node: " + perNode + " is out of range 1.." + coresPerNode
                    + " (node.cores: one rank per core)");
        }
        Placement placement = switch (c.getString("placement")) {
            case "block" -> Placement.BLOCK;
            case "round-robin" -> Placement.ROUND_ROBIN;
            default -> throw new BadInputException("job.placement: unknown placement '" + c.getString("placement")
                    + "' (known: block, round-robin)");
        };
        return new Job(program, nodes, perNode, placement);
    }

    public int size() {
        return nodes * ranksPerNode;
    }

    public int nodeOf(int rank) {
        return placement == Placement.BLOCK ? rank / ranksPerNode : rank % nodes;
    }

    public int coreOf(int rank) {
        return placement == Placement.BLOCK ? rank % ranksPerNode : rank / nodes;
    }

    /** The rank on core {@code core} of node {@code node} (the inverse of nodeOf and coreOf). */
    public int rankAt(int node, int core) {
        return placement == Placement.BLOCK ? node * ranksPerNode + core : core * nodes + node;
    }

    /** One placement per rank, in rank order. */
    public List<org.bxiemu.kernel.process.Placement> placements() {
        List<org.bxiemu.kernel.process.Placement> out = new ArrayList<>();
        for (int r = 0; r < size(); r++) {
            byte[] args = ByteBuffer.allocate(8).putInt(r).putInt(size()).array();
            out.add(new org.bxiemu.kernel.process.Placement(nodeOf(r), new ThreadSpec(program, args, coreOf(r))));
        }
        return out;
    }

    /** The rank a thread's arguments name. */
    public static int rankOf(ThreadSpec spec) {
        return ByteBuffer.wrap(spec.arguments()).getInt(0);
    }

    public static int sizeOf(ThreadSpec spec) {
        return ByteBuffer.wrap(spec.arguments()).getInt(4);
    }
}
