package org.bxiemu.engine.units;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;

/** Sizes in bytes with a unit: {@code "64B"}, {@code "4KiB"}, {@code "1MiB"}, {@code "2KB"} (decimal). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]+)\\s*");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30,
            "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L);

    private Sizes() {}

    public static long parse(String text, String what) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BadInputException(what + ": '" + text + "' is not a size (expected a number and a unit such as"
                    + " 64B, 4KiB, 1MiB)");
        }
        Long unit = UNITS.get(m.group(2));
        if (unit == null) {
            throw new BadInputException(what + ": unknown size unit '" + m.group(2) + "' in '" + text
                    + "' (units: B, KiB, MiB, GiB, KB, MB, GB)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new BadInputException(what + ": '" + text + "' is not a whole number of bytes");
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new BadInputException(what + ": '" + text + "' is too large");
        }
        return bytes.longValueExact();
    }
}
