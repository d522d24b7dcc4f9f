package org.bxiemu.fabric.topology;

/**
 * What sits at the other end of a switch port.
 *
 * @param kind  whether the port is unused, faces a node's NIC, or faces another switch
 * @param index the node index (NODE) or switch index (SWITCH); meaningless for NONE
 * @param port  the peer switch's port (SWITCH); 0 for a NIC, which has a single port; meaningless for NONE
 */
public record PortPeer(Kind kind, int index, int port) {
    public enum Kind { NONE, NODE, SWITCH }

    /** The peer of an unused port. */
    public static final PortPeer UNUSED = new PortPeer(Kind.NONE, -1, -1);

    public boolean isSwitch() {
        return kind == Kind.SWITCH;
    }

    public boolean isNode() {
        return kind == Kind.NODE;
    }
}
