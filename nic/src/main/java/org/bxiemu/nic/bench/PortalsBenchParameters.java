package org.bxiemu.nic.bench;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Sizes;

/** The {@code portals-bench.*} parameters of reference.conf. */
public record PortalsBenchParameters(long maxSize, int iterations, int window, long maxBytesPerSize, long rateSize,
        String peer) {

    public PortalsBenchParameters {
        if (maxSize < 0 || maxSize > 64L << 20) throw new BadInputException("portals-bench.max-size: must be 0B..64MiB");
        if (iterations < 1) throw new BadInputException("portals-bench.iterations: must be at least 1");
        if (window < 1 || window > 4096) throw new BadInputException("portals-bench.window: must be 1..4096");
        if (maxBytesPerSize < 1) throw new BadInputException("portals-bench.max-bytes-per-size: must be positive");
        if (rateSize < 0) throw new BadInputException("portals-bench.rate-size: must not be negative");
    }

    public static PortalsBenchParameters from(Config config) {
        Config c = config.getConfig("portals-bench");
        return new PortalsBenchParameters(Sizes.parse(c.getString("max-size"), "portals-bench.max-size"),
                c.getInt("iterations"), c.getInt("window"),
                Sizes.parse(c.getString("max-bytes-per-size"), "portals-bench.max-bytes-per-size"),
                Sizes.parse(c.getString("rate-size"), "portals-bench.rate-size"), c.getString("peer"));
    }

    /** Puts per window of the bandwidth test for {@code size}: the window, fewer for large sizes. */
    public int windowFor(long size) {
        return size == 0 ? window : (int) Math.max(1, Math.min(window, maxBytesPerSize / size));
    }

    /** Windows of the bandwidth test for {@code size}: the iterations, fewer for large sizes. */
    public int iterationsFor(long size) {
        return size == 0 ? iterations
                : (int) Math.max(1, Math.min(iterations, maxBytesPerSize / (size * windowFor(size))));
    }

    /** 0, 1, 2, 4, ... up to max-size (the OSU sizes). */
    public List<Long> sizes() {
        List<Long> sizes = new ArrayList<>();
        sizes.add(0L);
        for (long s = 1; s <= maxSize; s *= 2) sizes.add(s);
        return sizes;
    }

    /** The second node of the pair on a platform of {@code nodes} nodes. */
    public int peerNode(int nodes) {
        if (peer.equals("auto")) return nodes - 1;
        int n;
        try {
            n = Integer.parseInt(peer.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("portals-bench.peer: '" + peer + "' is neither a node index nor \"auto\"");
        }
        if (n < 1 || n >= nodes) throw new BadInputException("portals-bench.peer: node " + n + " is not in 1.." + (nodes - 1));
        return n;
    }
}
