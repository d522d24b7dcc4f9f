package org.bxiemu.engine;

import java.util.OptionalLong;
import org.bxiemu.engine.units.Durations;

/**
 * The two lookaheads of DESIGN.md §2: {@code global} bounds windows across partitions (the
 * shortest link that crosses partitions), {@code local} bounds sub-windows inside a partition
 * (the shortest link inside one). Configured values are checked against every link.
 */
public record Lookahead(long global, long local) {

    public static Lookahead compute(Platform platform, PartitionMap map, OptionalLong configuredGlobal,
            OptionalLong configuredLocal) {
        long minCross = Long.MAX_VALUE;
        long minLocal = Long.MAX_VALUE;
        // the shortest link of each kind, named when it is shorter than a configured lookahead
        Link shortestCross = null;
        Link shortestLocal = null;
        java.util.Set<Link> meshesSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int c = 0; c < platform.size(); c++) {
            for (Link link : platform.links(c)) {
                if (link == null) continue;
                boolean crosses = false;
                boolean inside = false;
                if (link instanceof Link.Mesh mesh) {
                    if (!meshesSeen.add(mesh)) continue;
                    // every member reaches itself through the mesh, so a mesh is always "inside"
                    inside = true;
                    int first = map.partitionOf(mesh.members()[0]);
                    for (int member : mesh.members()) crosses |= map.partitionOf(member) != first;
                } else {
                    inside = map.partitionOf(link.target(0)) == map.partitionOf(c);
                    crosses = !inside;
                }
                if (crosses && link.latency() < minCross) {
                    minCross = link.latency();
                    shortestCross = link;
                }
                if (inside && link.latency() < minLocal) {
                    minLocal = link.latency();
                    shortestLocal = link;
                }
            }
        }
        if (shortestCross != null) check(shortestCross, configuredGlobal, "engine.lookahead");
        if (shortestLocal != null) check(shortestLocal, configuredLocal, "engine.local-lookahead");
        return new Lookahead(configuredGlobal.orElse(minCross), configuredLocal.orElse(minLocal));
    }

    private static void check(Link link, OptionalLong configured, String key) {
        if (configured.isPresent() && link.latency() < configured.getAsLong()) {
            throw new BadInputException("link " + link.name() + ": latency " + Durations.format(link.latency())
                    + " is shorter than the lookahead " + Durations.format(configured.getAsLong())
                    + " that applies to it (" + key + "); lower " + key + " or lengthen the link");
        }
    }
}
