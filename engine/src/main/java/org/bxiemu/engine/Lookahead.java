package org.bxiemu.engine;

import java.util.OptionalLong;
import org.bxiemu.engine.units.Durations;

/**
 * The two lookaheads of DESIGN.md §2: {@code global} bounds windows across partitions (the
 * shortest link that crosses partitions), {@code local} bounds sub-windows inside a partition
 * (the shortest link inside one). A configured global lookahead is checked against every link
 * between groups, which some partitioning may cut (so that whether a configuration is valid does
 * not depend on the machine's processor count); a configured local one against every link
 * inside the partitions.
 */
public record Lookahead(long global, long local) {

    public static Lookahead compute(Platform platform, PartitionMap map, OptionalLong configuredGlobal,
            OptionalLong configuredLocal) {
        long minCross = Long.MAX_VALUE;
        long minLocal = Long.MAX_VALUE;
        // the shortest link of each kind, named when it is shorter than a configured lookahead
        Link shortestLocal = null;
        Link shortestBetweenGroups = null;
        int[] groupOf = map.groupOfArray();
        java.util.Set<Link> meshesSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int c = 0; c < platform.size(); c++) {
            for (Link link : platform.links(c)) {
                if (link == null) continue;
                boolean crosses = false;
                boolean inside = false;
                boolean betweenGroups = false;
                if (link instanceof Link.Mesh mesh) {
                    if (!meshesSeen.add(mesh)) continue;
                    // every member reaches itself through the mesh, so a mesh is always "inside"
                    inside = true;
                    int first = map.partitionOf(mesh.members()[0]);
                    int firstGroup = groupOf[mesh.members()[0]];
                    for (int member : mesh.members()) {
                        crosses |= map.partitionOf(member) != first;
                        betweenGroups |= groupOf[member] != firstGroup;
                    }
                } else {
                    inside = map.partitionOf(link.target(0)) == map.partitionOf(c);
                    crosses = !inside;
                    betweenGroups = groupOf[link.target(0)] != groupOf[c];
                }
                boolean shorter = shortestBetweenGroups == null || link.latency() < shortestBetweenGroups.latency();
                if (betweenGroups && shorter) shortestBetweenGroups = link;
                if (crosses && link.latency() < minCross) minCross = link.latency();
                if (inside && link.latency() < minLocal) {
                    minLocal = link.latency();
                    shortestLocal = link;
                }
            }
        }
        if (shortestBetweenGroups != null) check(shortestBetweenGroups, configuredGlobal, "engine.lookahead");
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
