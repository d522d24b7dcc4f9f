package org.bxiemu.engine;

/** Told by the Conductor after each window; used for progress display only, never for results. */
@FunctionalInterface
public interface RunProgress {
    void windowDone(long window, long virtualTime, long events);

    RunProgress NONE = (w, t, e) -> {};
}
