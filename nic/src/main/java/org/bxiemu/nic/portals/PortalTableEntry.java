package org.bxiemu.nic.portals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A portal table entry: its event queue, options, enabled flag, and its three lists (priority
 * and overflow entries in append order, unexpected headers in arrival order). Read-only to
 * callers; {@link NetworkInterface} changes it.
 */
public final class PortalTableEntry {

    private final int index;
    private final EqHandle eq;
    private final Set<PtOption> options;
    private boolean enabled = true;

    final List<LinkedEntry> priority = new ArrayList<>();
    final List<LinkedEntry> overflow = new ArrayList<>();
    final List<UnexpectedHeader> unexpected = new ArrayList<>();

    PortalTableEntry(int index, EqHandle eq, Set<PtOption> options) {
        this.index = index;
        this.eq = eq;
        this.options = Collections.unmodifiableSet(options.isEmpty() ? EnumSet.noneOf(PtOption.class)
                : EnumSet.copyOf(options));
    }

    public int index() {
        return index;
    }

    public EqHandle eq() {
        return eq;
    }

    public Set<PtOption> options() {
        return options;
    }

    public boolean flowControlled() {
        return options.contains(PtOption.FLOWCTRL);
    }

    /** False after {@code ptDisable} or a flow-control event, until {@code ptEnable}. */
    public boolean enabled() {
        return enabled;
    }

    public int priorityCount() {
        return priority.size();
    }

    public int overflowCount() {
        return overflow.size();
    }

    public int unexpectedCount() {
        return unexpected.size();
    }

    void setEnabled(boolean value) {
        enabled = value;
    }

    List<LinkedEntry> list(ListKind kind) {
        return kind == ListKind.PRIORITY ? priority : overflow;
    }
}
