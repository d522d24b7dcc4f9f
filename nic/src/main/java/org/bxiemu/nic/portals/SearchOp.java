package org.bxiemu.nic.portals;

/** What {@code PtlMESearch} does with the unexpected headers it finds. */
public enum SearchOp {
    /** Report the first match in a SEARCH event, leave the unexpected list unchanged (MPI_Probe). */
    SEARCH_ONLY,
    /** Remove matching headers, with the overflow events an append would produce (MPI_Mprobe). */
    SEARCH_DELETE
}
