package org.bxiemu.engine.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;

/**
 * A link rate, parsed from {@code "100Gb/s"} (bits) or {@code "12.5GB/s"} (bytes). Serialisation
 * time is computed exactly in picoseconds, rounding up: at 100 Gb/s a byte takes 80 ps.
 */
public record Bandwidth(long bitsPerSecond) {
    private static final Pattern RATE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGT]?)([bB])/s\\s*");
    private static final Map<String, Long> PREFIX = Map.of("", 1L, "K", 1_000L, "M", 1_000_000L,
            "G", 1_000_000_000L, "T", 1_000_000_000_000L);
    private static final BigInteger PS_PER_S = BigInteger.valueOf(Durations.S);

    public Bandwidth {
        if (bitsPerSecond <= 0) throw new BadInputException("bandwidth must be positive, was " + bitsPerSecond + "b/s");
    }

    public static Bandwidth parse(String text, String what) {
        Matcher m = RATE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BadInputException(what + ": '" + text + "' is not a bandwidth (expected e.g. 100Gb/s or 12.5GB/s)");
        }
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(PREFIX.get(m.group(2))))
                .multiply(BigDecimal.valueOf(m.group(3).equals("B") ? 8 : 1));
        if (bits.signum() <= 0) throw new BadInputException(what + ": '" + text + "' must be positive");
        if (bits.stripTrailingZeros().scale() > 0) {
            throw new BadInputException(what + ": '" + text + "' is not a whole number of bits per second");
        }
        return new Bandwidth(bits.longValueExact());
    }

    /** Picoseconds to put {@code bytes} on the wire, rounded up. */
    public long serialisation(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
        if (bytes <= 1_000_000) { // bytes * 8e12 stays within a long: the per-packet fast path
            long bitPs = bytes * 8 * Durations.S;
            return bitPs / bitsPerSecond + (bitPs % bitsPerSecond == 0 ? 0 : 1);
        }
        BigInteger[] qr = BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(8)).multiply(PS_PER_S)
                .divideAndRemainder(BigInteger.valueOf(bitsPerSecond));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }

    @Override
    public String toString() {
        return new BigDecimal(bitsPerSecond).divide(BigDecimal.valueOf(1_000_000_000L), 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString() + "Gb/s";
    }
}
