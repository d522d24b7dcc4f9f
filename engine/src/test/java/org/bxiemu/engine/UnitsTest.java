package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Frequency;
import org.bxiemu.engine.units.Sizes;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsParseToExactPicoseconds() {
        assertEquals(120_000, Durations.parse("120ns", "k"));
        assertEquals(1_500_000, Durations.parse("1.5us", "k"));
        assertEquals(1_500_000, Durations.parse("1.5µs", "k"));
        assertEquals(2_000_000_000L, Durations.parse(" 2 ms ", "k"));
        assertEquals(7, Durations.parse("7ps", "k"));
        assertEquals("k: '10' is not a duration (expected a number and a unit such as 120ns, 1.5us, 2ms; units: ps, ns, us, ms, s)",
                assertThrows(BadInputException.class, () -> Durations.parse("10", "k")).getMessage());
        assertThrows(BadInputException.class, () -> Durations.parse("200days", "k"));
        assertThrows(BadInputException.class, () -> Durations.parse("10000000s", "k"));
        assertEquals("1.5us", Durations.format(1_500_000));
    }

    @Test
    void sizesAreBinaryOrDecimalAsWritten() {
        assertEquals(64, Sizes.parse("64B", "k"));
        assertEquals(4096, Sizes.parse("4KiB", "k"));
        assertEquals(4000, Sizes.parse("4KB", "k"));
        assertEquals(1 << 20, Sizes.parse("1MiB", "k"));
        assertEquals(512, Sizes.parse("0.5KiB", "k"));
        assertThrows(BadInputException.class, () -> Sizes.parse("4kib", "k"));
        assertThrows(BadInputException.class, () -> Sizes.parse("0.3B", "k"));
    }

    @Test
    void bandwidthGivesExactSerialisationTimes() {
        Bandwidth bxi = Bandwidth.parse("100Gb/s", "k");
        assertEquals(100_000_000_000L, bxi.bitsPerSecond());
        assertEquals(80, bxi.serialisation(1), "1 byte at 100 Gb/s is 80 ps");
        assertEquals(327_680, bxi.serialisation(4096));
        assertEquals(Bandwidth.parse("12.5GB/s", "k"), bxi);
        assertEquals(3, Bandwidth.parse("3Tb/s", "k").serialisation(1), "2.67 ps rounds up to 3");
        assertEquals(80L * 4 * 1024 * 1024, bxi.serialisation(4L * 1024 * 1024), "the BigInteger path agrees");
        assertEquals("k: '-1Gb/s' is not a bandwidth (expected e.g. 100Gb/s or 12.5GB/s)",
                assertThrows(BadInputException.class, () -> Bandwidth.parse("-1Gb/s", "k")).getMessage());
        assertThrows(BadInputException.class, () -> Bandwidth.parse("0Gb/s", "k"));
    }

    @Test
    void cyclesOfADurationRoundDownOnEveryPath() {
        Frequency f = Frequency.parse("2.1GHz", "k");
        assertEquals(2, f.cycles(1_000), "1 ns at 2.1 GHz is 2.1 cycles");
        assertEquals(0, f.cycles(476), "less than a cycle");
        assertEquals(1, f.cycles(477));
        assertEquals(2_100_000_000L, f.cycles(Durations.S));
        // ps * hertz overflows a long from about 4.4 ms at 2.1 GHz: the exact path takes over
        long ps = 10 * Durations.S + 123_456_789;
        assertEquals(java.math.BigInteger.valueOf(ps).multiply(java.math.BigInteger.valueOf(2_100_000_000L))
                .divide(java.math.BigInteger.valueOf(Durations.S)).longValueExact(), f.cycles(ps));
        assertEquals(f.cycles(4_392_000_000L), 4_392_000_000L * 21 / 10_000, "just below the overflow");
    }
}
