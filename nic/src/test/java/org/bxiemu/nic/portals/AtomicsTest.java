package org.bxiemu.nic.portals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicsTest {

    /** Little-endian bytes of integer elements of the given type. */
    private static byte[] ints(AtomicType type, long... values) {
        byte[] out = new byte[values.length * type.size()];
        for (int i = 0; i < values.length; i++) {
            Atomics.store(out, i * type.size(), type.size(), values[i]);
        }
        return out;
    }

    private static long[] longs(AtomicType type, byte[] bytes) {
        long[] out = new long[bytes.length / type.size()];
        int shift = 64 - 8 * type.size();
        for (int i = 0; i < out.length; i++) {
            long bits = Atomics.load(bytes, i * type.size(), type.size());
            out[i] = shift == 0 ? bits : type.isSigned() ? (bits << shift) >> shift : bits;
        }
        return out;
    }

    private static long[] apply(AtomicOp op, AtomicType type, long[] target, long[] initiator) {
        return longs(type, Atomics.apply(op, type, ints(type, target), ints(type, initiator)));
    }

    private static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static double[] toDoubles(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble();
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = AtomicType.class, names = {"INT8", "UINT8", "INT16", "UINT16", "INT32", "UINT32", "INT64",
            "UINT64"})
    void sumIsElementwiseOnEveryIntegerType(AtomicType type) {
        assertArrayEquals(new long[] {3, 30, 0}, apply(AtomicOp.SUM, type, new long[] {1, 10, 0},
                new long[] {2, 20, 0}));
    }

    @Test
    void integerArithmeticWrapsLikeC() {
        assertArrayEquals(new long[] {-128}, apply(AtomicOp.SUM, AtomicType.INT8, new long[] {127}, new long[] {1}));
        assertArrayEquals(new long[] {0}, apply(AtomicOp.SUM, AtomicType.UINT8, new long[] {255}, new long[] {1}));
        // 0x8000 * 6 = 0x30000 keeps its low 16 bits: 0
        assertArrayEquals(new long[] {0}, apply(AtomicOp.PROD, AtomicType.UINT16,
                new long[] {0x8000}, new long[] {6}));
        assertArrayEquals(new long[] {-6}, apply(AtomicOp.PROD, AtomicType.INT64, new long[] {-2}, new long[] {3}));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, apply(AtomicOp.SUM, AtomicType.INT64,
                new long[] {Long.MAX_VALUE}, new long[] {1}));
    }

    @ParameterizedTest(name = "{0} {1}: min({2},{3})={4} max={5}")
    @CsvSource({
        "INT8, -1, 1, -1, 1",
        "UINT8, 255, 1, 1, 255",
        "INT32, -5, -7, -7, -5",
        "UINT32, 4294967295, 0, 0, 4294967295",
        "INT64, -9223372036854775808, 9223372036854775807, -9223372036854775808, 9223372036854775807"})
    void minAndMaxRespectSignedness(AtomicType type, long a, long b, long min, long max) {
        assertArrayEquals(new long[] {min}, apply(AtomicOp.MIN, type, new long[] {a}, new long[] {b}));
        assertArrayEquals(new long[] {max}, apply(AtomicOp.MAX, type, new long[] {a}, new long[] {b}));
    }

    @Test
    void unsigned64CompareUsesTheHighBit() {
        byte[] big = ints(AtomicType.UINT64, -1L); // 2^64 - 1
        byte[] one = ints(AtomicType.UINT64, 1);
        assertArrayEquals(big, Atomics.apply(AtomicOp.MAX, AtomicType.UINT64, big, one));
        assertArrayEquals(one, Atomics.apply(AtomicOp.MIN, AtomicType.UINT64, big, one));
    }

    @Test
    void bitwiseAndLogicalOperations() {
        AtomicType t = AtomicType.UINT32;
        assertArrayEquals(new long[] {0b1000}, apply(AtomicOp.BAND, t, new long[] {0b1100}, new long[] {0b1010}));
        assertArrayEquals(new long[] {0b1110}, apply(AtomicOp.BOR, t, new long[] {0b1100}, new long[] {0b1010}));
        assertArrayEquals(new long[] {0b0110}, apply(AtomicOp.BXOR, t, new long[] {0b1100}, new long[] {0b1010}));
        assertArrayEquals(new long[] {1, 0, 0}, apply(AtomicOp.LAND, t, new long[] {5, 0, 0},
                new long[] {7, 3, 0}));
        assertArrayEquals(new long[] {1, 1, 0}, apply(AtomicOp.LOR, t, new long[] {5, 0, 0}, new long[] {7, 3, 0}));
        assertArrayEquals(new long[] {0, 1, 0}, apply(AtomicOp.LXOR, t, new long[] {5, 0, 0},
                new long[] {7, 3, 0}));
    }

    @Test
    void floatingPointReductions() {
        assertArrayEquals(new double[] {3.5, -1.0}, toDoubles(Atomics.apply(AtomicOp.SUM, AtomicType.DOUBLE,
                doubles(1.25, 2.0), doubles(2.25, -3.0))));
        assertArrayEquals(new double[] {-6.0}, toDoubles(Atomics.apply(AtomicOp.PROD, AtomicType.DOUBLE,
                doubles(2.0), doubles(-3.0))));
        assertArrayEquals(new double[] {-3.0, 2.0}, toDoubles(Atomics.apply(AtomicOp.MIN, AtomicType.DOUBLE,
                doubles(2.0, 2.0), doubles(-3.0, 7.0))));
        byte[] f = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
        byte[] g = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(4f).array();
        ByteBuffer r = ByteBuffer.wrap(Atomics.apply(AtomicOp.MAX, AtomicType.FLOAT, f, g))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, r.getFloat());
        assertEquals(4f, r.getFloat());
    }

    @ParameterizedTest
    @EnumSource(value = AtomicOp.class, names = {"BAND", "BOR", "BXOR", "LAND", "LOR", "LXOR"})
    void bitwiseAndLogicalAreRejectedOnFloatingPoint(AtomicOp op) {
        assertThrows(IllegalArgumentException.class,
                () -> Atomics.apply(op, AtomicType.DOUBLE, doubles(1), doubles(2)));
        assertThrows(IllegalArgumentException.class,
                () -> Atomics.apply(op, AtomicType.FLOAT, new byte[4], new byte[4]));
    }

    @Test
    void swapTakesTheInitiatorsValues() {
        assertArrayEquals(new long[] {7, 8}, apply(AtomicOp.SWAP, AtomicType.INT16, new long[] {1, 2},
                new long[] {7, 8}));
    }

    @ParameterizedTest(name = "{0}: compare {1} vs target 5 -> swapped {2}")
    @CsvSource({
        "CSWAP, 5, true", "CSWAP, 4, false",
        "CSWAP_NE, 4, true", "CSWAP_NE, 5, false",
        "CSWAP_LE, 5, true", "CSWAP_LE, 4, true", "CSWAP_LE, 6, false",
        "CSWAP_LT, 4, true", "CSWAP_LT, 5, false",
        "CSWAP_GE, 5, true", "CSWAP_GE, 6, true", "CSWAP_GE, 4, false",
        "CSWAP_GT, 6, true", "CSWAP_GT, 5, false"})
    void conditionalSwapsCompareTheOperandWithTheTarget(AtomicOp op, long compare, boolean swapped) {
        AtomicType t = AtomicType.INT32;
        byte[] result = Atomics.apply(op, t, ints(t, 5), ints(t, 99), ints(t, compare));
        assertArrayEquals(ints(t, swapped ? 99 : 5), result);
    }

    @Test
    void conditionalSwapComparesSignednessAndFloatsNumerically() {
        // as INT8, 0xFF is -1 < 1; as UINT8 it is 255 > 1
        assertArrayEquals(ints(AtomicType.INT8, 9), Atomics.apply(AtomicOp.CSWAP_LT, AtomicType.INT8,
                ints(AtomicType.INT8, 1), ints(AtomicType.INT8, 9), ints(AtomicType.INT8, -1)));
        assertArrayEquals(ints(AtomicType.UINT8, 1), Atomics.apply(AtomicOp.CSWAP_LT, AtomicType.UINT8,
                ints(AtomicType.UINT8, 1), ints(AtomicType.UINT8, 9), ints(AtomicType.UINT8, 0xFF)));
        assertArrayEquals(doubles(7.0), Atomics.apply(AtomicOp.CSWAP, AtomicType.DOUBLE, doubles(0.0),
                doubles(7.0), doubles(-0.0)), "0.0 == -0.0");
        assertArrayEquals(doubles(Double.NaN), Atomics.apply(AtomicOp.CSWAP, AtomicType.DOUBLE,
                doubles(Double.NaN), doubles(7.0), doubles(Double.NaN)), "NaN equals nothing");
        assertArrayEquals(doubles(7.0), Atomics.apply(AtomicOp.CSWAP_NE, AtomicType.DOUBLE,
                doubles(Double.NaN), doubles(7.0), doubles(Double.NaN)));
    }

    @Test
    void maskedSwapReplacesTheMaskedBits() {
        AtomicType t = AtomicType.UINT64;
        byte[] result = Atomics.apply(AtomicOp.MSWAP, t, ints(t, 0xFF00_FF00L), ints(t, 0x1234_5678L),
                ints(t, 0x0000_FFFFL));
        assertArrayEquals(ints(t, 0xFF00_5678L), result);
    }

    @Test
    void malformedInputsAreRejected() {
        AtomicType t = AtomicType.INT32;
        assertThrows(IllegalArgumentException.class, () -> Atomics.apply(AtomicOp.SUM, t, new byte[4], new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> Atomics.apply(AtomicOp.SUM, t, new byte[6], new byte[6]));
        assertThrows(IllegalArgumentException.class,
                () -> Atomics.apply(AtomicOp.CSWAP, t, new byte[8], new byte[8], new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> Atomics.apply(AtomicOp.MSWAP, t, new byte[4], new byte[4]));
    }
}
