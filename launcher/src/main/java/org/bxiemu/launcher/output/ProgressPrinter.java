package org.bxiemu.launcher.output;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.units.Durations;

/**
 * Progress on stderr: a live line (at most once a second) on a terminal, otherwise one line per
 * 10 % of the run's virtual time. A run that ends when its job does (an MPI job on the cluster),
 * whose end is not known beforehand, shows no percentage or ETA, and off a terminal prints a
 * line every {@link #UNKNOWN_END_CADENCE_NANOS} of wall time instead. Reads the wall clock for
 * display only; results never see it.
 */
public final class ProgressPrinter implements RunProgress {
    /** Off a terminal, how often a run of unknown end says where it is. */
    static final long UNKNOWN_END_CADENCE_NANOS = 10_000_000_000L;

    private final PrintStream err;
    private final long endTime;
    private final boolean endKnown;
    private final int jvms;
    private final boolean live;
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long lastPrintNanos;
    private int lastDecile;

    /** @param endKnown whether the run lasts until {@code endTime} (false: it ends when its job does) */
    public ProgressPrinter(PrintStream err, long endTime, boolean endKnown, int jvms, boolean live) {
        this(err, endTime, endKnown, jvms, live, System::nanoTime);
    }

    /** With the wall clock given (nanoseconds), so tests can drive the display. */
    public ProgressPrinter(PrintStream err, long endTime, boolean endKnown, int jvms, boolean live,
            LongSupplier nanoClock) {
        this.err = err;
        this.endTime = endTime;
        this.endKnown = endKnown;
        this.jvms = jvms;
        this.live = live;
        this.nanoClock = nanoClock;
    }

    /**
     * Whether this process's stderr is a terminal. On Linux, what fd 2 points to; elsewhere the
     * JDK's console (which since JDK 22 exists even when redirected, hence isTerminal when known).
     */
    public static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall through to the console
        }
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    @Override
    public void windowDone(long window, long virtualTime, long events) {
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            // the clock starts with the first window: JVM start-up is not emulation speed
            startNanos = now;
            lastPrintNanos = now;
            return;
        }
        double fraction = Math.min(1.0, virtualTime / (double) endTime);
        if (live) {
            if (now - lastPrintNanos < 1_000_000_000L) return;
            lastPrintNanos = now;
            err.print("\r" + line(window, virtualTime, events, now, fraction) + "   ");
            err.flush();
        } else if (!endKnown) {
            if (now - lastPrintNanos < UNKNOWN_END_CADENCE_NANOS) return;
            lastPrintNanos = now;
            err.println(line(window, virtualTime, events, now, fraction));
        } else {
            int decile = (int) (fraction * 10);
            if (decile <= lastDecile || decile >= 10) return;
            lastDecile = decile;
            err.println(line(window, virtualTime, events, now, fraction));
        }
    }

    public void done() {
        if (live && startNanos >= 0 && lastPrintNanos != startNanos) err.println();
    }

    private String line(long window, long virtualTime, long events, long now, double fraction) {
        double wall = (now - startNanos) / 1e9;
        if (!endKnown) {
            return String.format(Locale.ROOT, "bxiemu: virtual %s  %.2f M events/s  %.0f windows/s  %d JVM%s",
                    Durations.format(virtualTime), events / wall / 1e6, window / wall, jvms, jvms == 1 ? "" : "s");
        }
        double eta = fraction > 0 ? wall * (1 - fraction) / fraction : Double.NaN;
        return String.format(Locale.ROOT, "bxiemu: %3.0f%%  virtual %s  %.2f M events/s  %.0f windows/s  %d JVM%s  ETA %.0f s",
                100 * fraction, Durations.format(virtualTime), events / wall / 1e6, window / wall, jvms,
                jvms == 1 ? "" : "s", eta);
    }
}
