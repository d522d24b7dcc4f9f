package org.bxiemu.kernel.process;

import java.util.List;

/**
 * How a request ended. {@code error} is null on success. For a spawn, {@code tids} lists the
 * created threads in placement order; after a partial failure it still lists them, with 0 for
 * the placements that failed. For a kill, {@code tids} is empty.
 */
public record Outcome(List<Integer> tids, String error) {
    public Outcome {
        tids = List.copyOf(tids);
    }

    public static Outcome ok(List<Integer> tids) {
        return new Outcome(tids, null);
    }

    public static Outcome failed(String error) {
        return new Outcome(List.of(), error);
    }

    public boolean isOk() {
        return error == null;
    }
}
