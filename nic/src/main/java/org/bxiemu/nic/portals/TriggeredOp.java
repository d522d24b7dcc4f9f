package org.bxiemu.nic.portals;

/** An operation waiting for a counter to reach a threshold. */
sealed interface TriggeredOp {

    /** A put, get, atomic, fetch-atomic or swap; its MDs are held until it completes. */
    record Data(DataCommand command) implements TriggeredOp {
    }

    /** {@code PtlTriggeredCTInc}. */
    record CtIncrement(CtHandle ct, CtValue increment) implements TriggeredOp {
    }

    /** {@code PtlTriggeredCTSet}. */
    record CtAssign(CtHandle ct, CtValue value) implements TriggeredOp {
    }

    /** {@code PtlTriggeredMEAppend}: the entry exists (and has its handle) from submission. */
    record Append(LinkedEntry entry) implements TriggeredOp {
    }
}
