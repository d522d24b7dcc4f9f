package org.bxiemu.nic.portals;

/**
 * A Portals physical process identifier: the node (NID) and the process on it (PID).
 *
 * <p>A match list entry may wildcard either field. Portals spells the wildcards {@code PTL_NID_ANY}
 * and {@code PTL_PID_ANY}; here they are {@link #ANY_NODE} and {@link #ANY_PID} (both {@code -1},
 * a value no real node or process can take because both must be non-negative), and
 * {@link #ANY} wildcards both. Wildcards are only meaningful as a match list entry's source;
 * an operation's initiator or target must be a concrete process.
 */
public record ProcessId(int node, int pid) {

    /** Wildcard node: matches an operation from any node. */
    public static final int ANY_NODE = -1;
    /** Wildcard process: matches an operation from any process. */
    public static final int ANY_PID = -1;
    /** Matches any initiator (both fields wildcarded). */
    public static final ProcessId ANY = new ProcessId(ANY_NODE, ANY_PID);

    public ProcessId {
        if (node < 0 && node != ANY_NODE) {
            throw new IllegalArgumentException("node must be >= 0 or ANY_NODE, got " + node);
        }
        if (pid < 0 && pid != ANY_PID) {
            throw new IllegalArgumentException("pid must be >= 0 or ANY_PID, got " + pid);
        }
    }

    /** True if either field is a wildcard (so this id can only be used as a match source). */
    public boolean isWildcard() {
        return node == ANY_NODE || pid == ANY_PID;
    }

    /** Source match of a match list entry: each field is either wildcarded or equal. */
    public boolean matches(ProcessId initiator) {
        return (node == ANY_NODE || node == initiator.node)
                && (pid == ANY_PID || pid == initiator.pid);
    }

    /** Rejects wildcards where a concrete process is required (initiator, target). */
    static ProcessId requireConcrete(ProcessId id, String what) {
        if (id == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (id.isWildcard()) {
            throw new IllegalArgumentException(what + " must be a concrete process, got " + id);
        }
        return id;
    }

    @Override
    public String toString() {
        return (node == ANY_NODE ? "*" : Integer.toString(node)) + ":" + (pid == ANY_PID ? "*" : Integer.toString(pid));
    }
}
