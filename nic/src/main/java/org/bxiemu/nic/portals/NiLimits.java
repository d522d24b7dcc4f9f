package org.bxiemu.nic.portals;

/**
 * Limits of a network interface (a subset of {@code ptl_ni_limits_t}).
 *
 * @param maxPtIndex largest portal table index (Portals requires at least 63)
 * @param maxMsgSize largest put/get/reply; longer matches are truncated to it
 * @param maxAtomicSize largest atomic, fetch-atomic or SWAP; longer ones are rejected at the
 *     initiator and truncated at the target
 * @param maxUnexpectedHeaders unexpected headers held at once over all portal table entries;
 *     a message that would need one more is a resource exhaustion (flow control or drop)
 * @param maxTriggeredOps triggered operations pending at once
 */
public record NiLimits(int maxPtIndex, long maxMsgSize, long maxAtomicSize, int maxUnexpectedHeaders,
                       int maxTriggeredOps) {

    /** Portals' minimum table size, messages bounded only by the NIC's packetisation. */
    public static final NiLimits DEFAULT = new NiLimits(63, Long.MAX_VALUE, 512, 1 << 16, 1 << 16);

    public NiLimits {
        if (maxPtIndex < 0 || maxMsgSize < 0 || maxAtomicSize < AtomicType.DOUBLE.size()
                || maxUnexpectedHeaders < 0 || maxTriggeredOps < 0) {
            throw new IllegalArgumentException("invalid NI limits");
        }
    }
}
