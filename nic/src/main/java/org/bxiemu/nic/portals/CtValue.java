package org.bxiemu.nic.portals;

/** Value of a counting event ({@code ptl_ct_event_t}): successes (events or bytes) and failures. */
public record CtValue(long success, long failure) {

    public static final CtValue ZERO = new CtValue(0, 0);

    public CtValue {
        if (success < 0 || failure < 0) {
            throw new IllegalArgumentException("counter fields must be >= 0, got " + success + "/" + failure);
        }
    }

    public static CtValue ofSuccess(long success) {
        return new CtValue(success, 0);
    }

    public static CtValue ofFailure(long failure) {
        return new CtValue(0, failure);
    }

    CtValue plus(CtValue increment) {
        return new CtValue(Math.addExact(success, increment.success), Math.addExact(failure, increment.failure));
    }
}
