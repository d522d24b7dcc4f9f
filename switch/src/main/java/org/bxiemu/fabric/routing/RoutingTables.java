package org.bxiemu.fabric.routing;

import java.util.Arrays;

/**
 * Immutable forwarding tables: for each switch, the output port towards each destination node
 * and towards each other switch (Valiant's intermediate hop needs the latter). A port of −1
 * means unreachable: the destination's switch is down or cut off, the switch itself is down,
 * or (for {@link #portToSwitch}) the target is the switch itself.
 */
public final class RoutingTables {
    static final short UNREACHABLE = -1;

    private final String routing;
    private final short[][] toNode;   // [switch][node]; 16 bits halve the footprint of large fabrics
    private final short[][] toSwitch; // [switch][target switch]

    RoutingTables(String routing, short[][] toNode, short[][] toSwitch) {
        this.routing = routing;
        this.toNode = toNode;
        this.toSwitch = toSwitch;
    }

    /** The routing algorithm that computed these tables, e.g. {@code d-mod-k}. */
    public String routing() {
        return routing;
    }

    public int switches() {
        return toNode.length;
    }

    public int nodes() {
        return toNode.length == 0 ? 0 : toNode[0].length;
    }

    /** The port of {@code sw} that leads to {@code dstNode}, or −1 if it cannot be reached. */
    public int port(int sw, int dstNode) {
        return toNode[sw][dstNode];
    }

    /** The port of {@code sw} that leads to switch {@code targetSw}, or −1 (unreachable, or {@code sw} itself). */
    public int portToSwitch(int sw, int targetSw) {
        return toSwitch[sw][targetSw];
    }

    /** A copy of one switch's ports towards every node: what a switch actor keeps. */
    public int[] nodeRow(int sw) {
        return widen(toNode[sw]);
    }

    /** A copy of one switch's ports towards every switch. */
    public int[] switchRow(int sw) {
        return widen(toSwitch[sw]);
    }

    /** The same tables under another algorithm's name. */
    RoutingTables named(String name) {
        return new RoutingTables(name, toNode, toSwitch);
    }

    short[][] nodeTable() {
        return toNode;
    }

    short[][] switchTable() {
        return toSwitch;
    }

    static short[][] unreachable(int rows, int columns) {
        short[][] t = new short[rows][columns];
        for (short[] row : t) Arrays.fill(row, UNREACHABLE);
        return t;
    }

    private static int[] widen(short[] row) {
        int[] r = new int[row.length];
        for (int i = 0; i < row.length; i++) r[i] = row[i];
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingTables t && routing.equals(t.routing) && Arrays.deepEquals(toNode, t.toNode)
                && Arrays.deepEquals(toSwitch, t.toSwitch);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * routing.hashCode() + Arrays.deepHashCode(toNode)) + Arrays.deepHashCode(toSwitch);
    }

    @Override
    public String toString() {
        return "RoutingTables[" + routing + ", " + switches() + " switches, " + nodes() + " nodes]";
    }
}
