package org.bxiemu.engine.units;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;

/**
 * Virtual time is a {@code long} count of picoseconds. Durations in configuration and on the
 * command line carry a unit ({@code "120ns"}, {@code "1.5us"}); a bare number is refused, because
 * a number without a unit is the classic source of 1000x mistakes.
 */
public final class Durations {
    public static final long PS = 1L;
    public static final long NS = 1_000L;
    public static final long US = 1_000_000L;
    public static final long MS = 1_000_000_000L;
    public static final long S = 1_000_000_000_000L;

    private static final Pattern DURATION = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zµ]+)\\s*");
    private static final Map<String, Long> UNITS = Map.of(
            "ps", PS, "ns", NS, "us", US, "µs", US, "ms", MS, "s", S);

    private Durations() {}

    /** Parses {@code "100ns"} into picoseconds; {@code what} names the key or option for the error. */
    public static long parse(String text, String what) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BadInputException(what + ": '" + text + "' is not a duration (expected a number and a unit"
                    + " such as 120ns, 1.5us, 2ms; units: ps, ns, us, ms, s)");
        }
        Long unit = UNITS.get(m.group(2));
        if (unit == null) {
            throw new BadInputException(what + ": unknown time unit '" + m.group(2) + "' in '" + text
                    + "' (units: ps, ns, us, ms, s)");
        }
        BigDecimal ps = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (ps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new BadInputException(what + ": '" + text + "' is beyond the range of virtual time (106 days)");
        }
        if (ps.stripTrailingZeros().scale() > 0) {
            throw new BadInputException(what + ": '" + text + "' is finer than one picosecond");
        }
        return ps.longValueExact();
    }

    /** Formats picoseconds with the largest unit that keeps the value exact up to 3 decimals. */
    public static String format(long ps) {
        if (ps == Long.MAX_VALUE) {
            return "never";
        }
        long abs = Math.abs(ps);
        if (abs >= S) return trim(ps / (double) S) + "s";
        if (abs >= MS) return trim(ps / (double) MS) + "ms";
        if (abs >= US) return trim(ps / (double) US) + "us";
        if (abs >= NS) return trim(ps / (double) NS) + "ns";
        return ps + "ps";
    }

    private static String trim(double v) {
        String s = BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s;
    }
}
