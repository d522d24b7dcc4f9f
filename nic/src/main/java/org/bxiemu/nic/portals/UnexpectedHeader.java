package org.bxiemu.nic.portals;

/**
 * A message that matched an overflow entry, waiting for a priority entry to claim it.
 *
 * @param sequence arrival order (for traces; the list itself is kept in arrival order)
 * @param header the request
 * @param mlength bytes captured in the overflow entry
 * @param start host address where they were captured
 * @param entry the overflow entry holding them
 */
record UnexpectedHeader(long sequence, OperationHeader header, long mlength, long start, LinkedEntry entry) {
}
