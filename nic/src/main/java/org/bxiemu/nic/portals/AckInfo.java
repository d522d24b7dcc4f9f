package org.bxiemu.nic.portals;

/**
 * What an ACK or REPLY tells the initiator.
 *
 * @param niFail outcome at the target
 * @param mlength bytes the target manipulated (0 on failure)
 * @param remoteOffset offset the target actually used (its local offset for MANAGE_LOCAL entries)
 */
public record AckInfo(NiFail niFail, long mlength, long remoteOffset) {

    public AckInfo {
        if (niFail == null) {
            throw new IllegalArgumentException("niFail must not be null");
        }
        if (mlength < 0 || remoteOffset < 0) {
            throw new IllegalArgumentException("mlength and remote offset must be >= 0");
        }
    }

    public static AckInfo failure(NiFail niFail) {
        return new AckInfo(niFail, 0, 0);
    }
}
