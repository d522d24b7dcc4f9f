package org.bxiemu.nic.portals;

/** The match rule of Portals, shared by incoming operations and searches of the unexpected list. */
final class Matching {

    private Matching() {}

    /**
     * True if {@code h} matches {@code entry} (whose current local offset is {@code localOffset}):
     * source, match bits under the ignore mask and, with NO_TRUNCATE, room for the whole request.
     * Permissions are checked separately, after the match: a match that is not permitted is a
     * failure, not a reason to look further (Portals treats it as a permissions violation).
     */
    static boolean matches(MatchEntry entry, long localOffset, OperationHeader h) {
        if (!entry.source().matches(h.initiator())) {
            return false;
        }
        if (((h.matchBits() ^ entry.matchBits()) & ~entry.ignoreBits()) != 0) {
            return false;
        }
        if (entry.has(MeOption.NO_TRUNCATE)) {
            long offset = offset(entry, localOffset, h);
            return offset <= entry.length() && h.length() <= entry.length() - offset;
        }
        return true;
    }

    /** The offset an operation uses in an entry: the entry's own with MANAGE_LOCAL, else the requested one. */
    static long offset(MatchEntry entry, long localOffset, OperationHeader h) {
        return entry.has(MeOption.MANAGE_LOCAL) ? localOffset : h.remoteOffset();
    }

    /** OP_PUT for data flowing in (put, atomic), OP_GET for data flowing out (get); both for fetch and swap. */
    static boolean permits(MatchEntry entry, OpKind kind) {
        return (!kind.needsPut() || entry.has(MeOption.OP_PUT)) && (!kind.needsGet() || entry.has(MeOption.OP_GET));
    }
}
