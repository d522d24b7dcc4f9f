package org.bxiemu.nic.portals;

import java.util.List;

/**
 * Result of appending a match list entry.
 *
 * @param handle the entry's handle (allocated even if the entry was consumed at once)
 * @param linked true if the entry is now in its list; false if a USE_ONCE entry was consumed by an
 *     unexpected header, or a triggered append has not fired yet
 * @param effects ordered effects (overflow events, LINK, AUTO_UNLINK, counter updates, triggered operations)
 */
public record MeAppendResult(MeHandle handle, boolean linked, List<Effect> effects) {
    public MeAppendResult {
        effects = List.copyOf(effects);
    }
}
