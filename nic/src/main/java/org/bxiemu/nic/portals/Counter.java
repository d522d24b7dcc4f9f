package org.bxiemu.nic.portals;

import java.util.TreeMap;

/** A counting event and the triggered operations waiting on it. */
final class Counter {

    final CtHandle handle;
    CtValue value = CtValue.ZERO;
    final TreeMap<TriggerKey, TriggeredOp> waiting = new TreeMap<>();
    /** Already queued for a threshold check. */
    boolean queued;

    Counter(CtHandle handle) {
        this.handle = handle;
    }
}
