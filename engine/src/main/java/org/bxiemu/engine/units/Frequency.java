package org.bxiemu.engine.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;

/**
 * A clock rate, parsed from {@code "2.0GHz"}. Converts cycles to picoseconds exactly, rounding
 * up (at 2 GHz a cycle is 500 ps; at 2.4 GHz three cycles are 1,250 ps).
 */
public record Frequency(long hertz) {
    private static final Pattern RATE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMG]?)Hz\\s*");
    private static final Map<String, Long> PREFIX = Map.of("", 1L, "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L);

    public Frequency {
        if (hertz <= 0) throw new BadInputException("frequency must be positive, was " + hertz + "Hz");
    }

    public static Frequency parse(String text, String what) {
        Matcher m = RATE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BadInputException(what + ": '" + text + "' is not a frequency (expected e.g. 2.0GHz or 800MHz)");
        }
        BigDecimal hz = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(PREFIX.get(m.group(2))));
        if (hz.signum() <= 0) throw new BadInputException(what + ": '" + text + "' must be positive");
        if (hz.stripTrailingZeros().scale() > 0) {
            throw new BadInputException(what + ": '" + text + "' is not a whole number of hertz");
        }
        return new Frequency(hz.longValueExact());
    }

    /** Picoseconds that {@code cycles} take at this frequency, rounded up. */
    public long picoseconds(long cycles) {
        if (cycles < 0) throw new IllegalArgumentException("negative cycle count " + cycles);
        if (cycles <= 1_000_000) {
            long cyclePs = cycles * Durations.S;
            return cyclePs / hertz + (cyclePs % hertz == 0 ? 0 : 1);
        }
        BigInteger[] qr = BigInteger.valueOf(cycles).multiply(BigInteger.valueOf(Durations.S))
                .divideAndRemainder(BigInteger.valueOf(hertz));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }

    /** Whole cycles elapsed in {@code ps} picoseconds (rounded down). */
    public long cycles(long ps) {
        long product = ps * hertz;
        if (ps >= 0 && Math.multiplyHigh(ps, hertz) == 0 && product >= 0) return product / Durations.S;
        return BigInteger.valueOf(ps).multiply(BigInteger.valueOf(hertz))
                .divide(BigInteger.valueOf(Durations.S)).longValueExact();
    }

    /** This frequency scaled by {@code factor} (a node-slowdown fault, a turbo ratio). */
    public Frequency scaled(double factor) {
        if (!(factor > 0)) throw new IllegalArgumentException("frequency factor must be positive, was " + factor);
        return new Frequency(Math.max(1, Math.round(hertz * factor)));
    }

    @Override
    public String toString() {
        return BigDecimal.valueOf(hertz).divide(BigDecimal.valueOf(1_000_000_000L)).stripTrailingZeros().toPlainString()
                + "GHz";
    }
}
