package org.bxiemu.launcher;

import com.typesafe.config.Config;
import org.bxiemu.engine.Platform;

/** One kind of platform a run can build from its configuration (selected by {@code run.platform}). */
public interface PlatformKind {
    String name();

    Platform build(Config config);

    /** Virtual time at which the run stops. */
    long endTime(Config config);

    /**
     * Whether a run lasts until {@link #endTime} (a PHOLD run), or ends when its work does (a job,
     * a benchmark: the end time is then only a cap, and progress cannot say how far along it is).
     */
    default boolean runsToItsEnd() {
        return false;
    }

    /**
     * Prints what this platform measured (its tables) on {@code out} and adds the figures to
     * {@code figures}; most platforms have nothing beyond the common figures.
     */
    default void report(org.bxiemu.engine.RunResult result, Config config, java.io.PrintStream out,
            org.bxiemu.launcher.output.ResultPrinter figures) {}
}
