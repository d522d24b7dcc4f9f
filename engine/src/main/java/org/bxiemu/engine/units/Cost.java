package org.bxiemu.engine.units;

import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;

/**
 * Work a core does, written as cycles ({@code "720cycles"}, scaled by the core's frequency) or
 * as a duration ({@code "1.5us"}, the same on any core), as the published figure was given.
 * A cost may mix both: kernel paths add cycle counts from one source to times from another.
 */
public record Cost(long cycles, long picoseconds) {
    public static final Cost ZERO = new Cost(0, 0);
    private static final Pattern CYCLES = Pattern.compile("\\s*([0-9]+)\\s*cycles?\\s*");

    public Cost {
        if (cycles < 0 || picoseconds < 0) throw new IllegalArgumentException("negative cost " + cycles + "/" + picoseconds);
    }

    public static Cost ofCycles(long cycles) {
        return new Cost(cycles, 0);
    }

    public static Cost of(long picoseconds) {
        return new Cost(0, picoseconds);
    }

    /** Parses {@code "383cycles"} or a duration such as {@code "200ns"}; {@code what} names the key. */
    public static Cost parse(String text, String what) {
        var m = CYCLES.matcher(text == null ? "" : text);
        if (m.matches()) {
            try {
                return ofCycles(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                throw new BadInputException(what + ": '" + text + "' is too many cycles");
            }
        }
        try {
            return of(Durations.parse(text, what));
        } catch (BadInputException e) {
            throw new BadInputException(what + ": '" + text + "' is not a cost (expected cycles such as 720cycles,"
                    + " or a duration such as 1.5us)");
        }
    }

    public Cost plus(Cost other) {
        return new Cost(Math.addExact(cycles, other.cycles), Math.addExact(picoseconds, other.picoseconds));
    }

    public Cost times(long n) {
        return new Cost(Math.multiplyExact(cycles, n), Math.multiplyExact(picoseconds, n));
    }

    public boolean isZero() {
        return cycles == 0 && picoseconds == 0;
    }

    /** Picoseconds this cost takes on a core running at {@code frequency}. */
    public long on(Frequency frequency) {
        return frequency.picoseconds(cycles) + picoseconds;
    }

    @Override
    public String toString() {
        if (cycles == 0) return Durations.format(picoseconds);
        if (picoseconds == 0) return cycles + "cycles";
        return cycles + "cycles+" + Durations.format(picoseconds);
    }
}
