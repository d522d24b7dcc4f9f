package org.bxiemu.nic.bench;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Sizes;

/** The {@code traffic-bench.*} parameters of reference.conf. */
public record TrafficParameters(String pattern, long size, int rounds, int senders) {
    public static final String ALL_TO_ALL = "all-to-all";
    public static final String INCAST = "incast";

    public TrafficParameters {
        if (!pattern.equals(ALL_TO_ALL) && !pattern.equals(INCAST)) {
            throw new BadInputException("traffic-bench.pattern: unknown pattern '" + pattern + "' (known: all-to-all, incast)");
        }
        if (size < 0 || size > 64L << 20) throw new BadInputException("traffic-bench.size: must be 0B..64MiB");
        if (rounds < 1) throw new BadInputException("traffic-bench.rounds: must be at least 1");
        if (senders < 1) throw new BadInputException("traffic-bench.senders: must be at least 1");
    }

    public static TrafficParameters from(Config config) {
        Config c = config.getConfig("traffic-bench");
        return new TrafficParameters(c.getString("pattern"), Sizes.parse(c.getString("size"), "traffic-bench.size"),
                c.getInt("rounds"), c.getInt("senders"));
    }

    /** The targets node {@code node} puts to, in order, once per round. */
    public int[] targets(int node, int nodes) {
        if (pattern.equals(INCAST)) {
            if (senders >= nodes) {
                throw new BadInputException("traffic-bench.senders: " + senders + " senders need " + (senders + 1)
                        + " nodes, the platform has " + nodes);
            }
            return node >= 1 && node <= senders ? new int[] {0} : new int[0];
        }
        int[] targets = new int[nodes - 1];
        for (int k = 1; k < nodes; k++) targets[k - 1] = (node + k) % nodes;
        return targets;
    }
}
