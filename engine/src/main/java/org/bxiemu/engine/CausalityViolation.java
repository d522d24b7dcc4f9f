package org.bxiemu.engine;

import org.bxiemu.engine.units.Durations;

/** An event reached a component in its past: an engine defect, which fails the run loudly. */
public final class CausalityViolation extends RuntimeException {
    public CausalityViolation(String componentId, long eventTime, long componentClock) {
        super("causality violation: " + componentId + " was handed an event at " + Durations.format(eventTime)
                + " (" + eventTime + "ps) while its clock is at " + Durations.format(componentClock)
                + " (" + componentClock + "ps)");
    }
}
