package org.bxiemu.kernel.process;

/**
 * Process identifiers: {@code ownerNode << 16 | localIndex}, node 0..32767, local index
 * 1..65535, so a PID names the node that owns the process (holds its reference descriptor).
 */
public final class Pid {
    private Pid() {}

    /** The PID of the {@code localIndex}-th process owned by {@code ownerNode}. */
    public static int of(int ownerNode, int localIndex) {
        return Ids.of("pid", ownerNode, localIndex);
    }

    /** The node owning the process. */
    public static int ownerNode(int pid) {
        return Ids.node("pid", pid);
    }

    /** The index of the process among its owner's processes. */
    public static int localIndex(int pid) {
        return Ids.index("pid", pid);
    }

    /** {@code "owner:index"}, e.g. {@code "3:17"}. */
    public static String format(int pid) {
        return Ids.format("pid", pid);
    }
}
