package org.bxiemu.kernel.process;

/** The encoding shared by PIDs and TIDs: node << 16 | local index. */
final class Ids {
    static final int MAX_NODE = 32767;
    static final int MAX_INDEX = 65535;

    private Ids() {}

    static int of(String what, int node, int localIndex) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException(what + " node " + node + " out of 0.." + MAX_NODE);
        }
        if (localIndex < 1 || localIndex > MAX_INDEX) {
            throw new IllegalArgumentException(
                    what + " local index " + localIndex + " out of 1.." + MAX_INDEX);
        }
        return node << 16 | localIndex;
    }

    static int check(String what, int id) {
        if (id < 0 || (id & MAX_INDEX) == 0) {
            throw new IllegalArgumentException("not a " + what + ": " + id);
        }
        return id;
    }

    static int node(String what, int id) {
        return check(what, id) >>> 16;
    }

    static int index(String what, int id) {
        return check(what, id) & MAX_INDEX;
    }

    static String format(String what, int id) {
        return node(what, id) + ":" + index(what, id);
    }
}
