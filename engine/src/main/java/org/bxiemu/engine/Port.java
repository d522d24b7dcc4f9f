package org.bxiemu.engine;

/**
 * A named port of a component, as wired by the platform: either one point-to-point link, or a
 * mesh link joining a set of components all-to-all (PHOLD's "any LP to any LP").
 */
public final class Port {
    /** Index used for events a component schedules for itself; no wired port has it. */
    static final int SELF_INDEX = -1;
    static final Port SELF = new Port(-1, SELF_INDEX, "self", null);

    /** The index of the component whose port this is (-1 for the self port): images refer to ports by it. */
    final int owner;
    private final int index;
    private final String name;
    final Link link;

    Port(int owner, int index, String name, Link link) {
        this.owner = owner;
        this.index = index;
        this.name = name;
        this.link = link;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public boolean isSelf() {
        return index == SELF_INDEX;
    }

    /** Latency of the link behind this port, in picoseconds (0 for the self port). */
    public long latency() {
        return link == null ? 0 : link.latency();
    }

    /** Number of components reachable through this port (1 for a point-to-point link). */
    public int peers() {
        return link == null ? 0 : link.peers();
    }

    @Override
    public String toString() {
        return name;
    }
}
