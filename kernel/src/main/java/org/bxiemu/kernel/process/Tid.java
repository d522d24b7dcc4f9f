package org.bxiemu.kernel.process;

/**
 * Thread identifiers, globally unique: {@code node << 16 | localIndex} where {@code node} hosts
 * the thread (node 0..32767, local index 1..65535), so a TID names its hosting node.
 */
public final class Tid {
    private Tid() {}

    /** The TID of the {@code localIndex}-th thread hosted by {@code node}. */
    public static int of(int node, int localIndex) {
        return Ids.of("tid", node, localIndex);
    }

    /** The node hosting the thread. */
    public static int node(int tid) {
        return Ids.node("tid", tid);
    }

    /** The index of the thread among its node's threads. */
    public static int localIndex(int tid) {
        return Ids.index("tid", tid);
    }

    /** {@code "node:index"}, e.g. {@code "3:5"}. */
    public static String format(int tid) {
        return Ids.format("tid", tid);
    }
}
