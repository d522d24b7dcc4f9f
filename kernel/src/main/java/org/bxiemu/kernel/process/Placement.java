package org.bxiemu.kernel.process;

import java.util.Objects;

/** One thread to spawn: on which node, running what. */
public record Placement(int node, ThreadSpec spec) {
    public Placement {
        if (node < 0 || node > Ids.MAX_NODE) {
            throw new IllegalArgumentException("node " + node + " out of 0.." + Ids.MAX_NODE);
        }
        Objects.requireNonNull(spec, "spec");
    }
}
