package org.bxiemu.nic.portals;

/**
 * The arithmetic of Portals atomics, as a pure function over little-endian byte arrays, for
 * whoever owns the memory (the Node, or a test): read the target bytes, call {@link #apply},
 * write the result back (and, for fetch-atomic and swap, return the old bytes).
 *
 * <p>Reductions work element by element: {@code result = target OP initiator}. Integer arithmetic
 * wraps like C's fixed-width types; MIN/MAX compare signed or unsigned according to the type;
 * logical operations yield 0 or 1; bitwise and logical operations are rejected on FLOAT/DOUBLE.
 * The swap family: SWAP takes the initiator's values; CSWAP* replace the single target element by
 * the initiator's when {@code compare OP target} holds (floating-point compared numerically, so
 * NaN compares unequal to everything); MSWAP replaces the bits set in the mask.
 */
public final class Atomics {

    private Atomics() {}

    /** {@link #apply(AtomicOp, AtomicType, byte[], byte[], byte[])} for operations without a compare/mask operand. */
    public static byte[] apply(AtomicOp op, AtomicType type, byte[] target, byte[] initiator) {
        return apply(op, type, target, initiator, null);
    }

    /**
     * Computes the new target bytes.
     *
     * @param op operation
     * @param type datatype
     * @param target current target bytes (a whole number of elements)
     * @param initiator the initiator's bytes, same length
     * @param operand for CSWAP* the compare value, for MSWAP the mask (one element); else ignored
     * @return the new target bytes (a fresh array)
     */
    public static byte[] apply(AtomicOp op, AtomicType type, byte[] target, byte[] initiator, byte[] operand) {
        requireValid(op, type);
        int size = type.size();
        if (target == null || initiator == null || target.length != initiator.length || target.length % size != 0) {
            throw new IllegalArgumentException("target and initiator must hold the same whole number of "
                    + type + " elements");
        }
        long mask = 0;
        if (op.usesOperand()) {
            if (target.length != size) {
                throw new IllegalArgumentException(op + " works on exactly one " + type + " element");
            }
            if (operand == null || operand.length != size) {
                throw new IllegalArgumentException(op + " needs a one-element operand");
            }
            mask = load(operand, 0, size);
        }
        byte[] result = new byte[target.length];
        for (int off = 0; off < target.length; off += size) {
            long t = load(target, off, size);
            long i = load(initiator, off, size);
            store(result, off, size, combine(op, type, t, i, mask));
        }
        return result;
    }

    /** Throws if {@code op} is not defined on {@code type}. */
    public static void requireValid(AtomicOp op, AtomicType type) {
        if (op == null || type == null) {
            throw new IllegalArgumentException("atomic op and type must not be null");
        }
        if (type.isFloating() && op.isBitwiseOrLogical()) {
            throw new IllegalArgumentException(op + " is not defined on " + type);
        }
    }

    /** The operand (compare value or mask) of a swap as little-endian bytes of one element. */
    public static byte[] operandBytes(long operand, AtomicType type) {
        byte[] bytes = new byte[type.size()];
        store(bytes, 0, type.size(), operand);
        return bytes;
    }

    /** Reads one element as raw bits in the low bytes of a long. */
    static long load(byte[] bytes, int off, int size) {
        long v = 0;
        for (int b = size - 1; b >= 0; b--) {
            v = (v << 8) | (bytes[off + b] & 0xffL);
        }
        return v;
    }

    static void store(byte[] bytes, int off, int size, long v) {
        for (int b = 0; b < size; b++) {
            bytes[off + b] = (byte) (v >>> (8 * b));
        }
    }

    private static long combine(AtomicOp op, AtomicType type, long t, long i, long operand) {
        return switch (op) {
            case SWAP -> i;
            case MSWAP -> (t & ~operand) | (i & operand);
            case CSWAP, CSWAP_NE, CSWAP_LE, CSWAP_LT, CSWAP_GE, CSWAP_GT -> condition(op, type, operand, t) ? i : t;
            default -> type.isFloating() ? floating(op, type, t, i) : integer(op, type, t, i);
        };
    }

    private static long integer(AtomicOp op, AtomicType type, long tBits, long iBits) {
        long t = widen(tBits, type);
        long i = widen(iBits, type);
        return switch (op) {
            case SUM -> t + i;
            case PROD -> t * i;
            case MIN -> compareInt(t, i, type) <= 0 ? t : i;
            case MAX -> compareInt(t, i, type) >= 0 ? t : i;
            case BAND -> t & i;
            case BOR -> t | i;
            case BXOR -> t ^ i;
            case LAND -> (t != 0 && i != 0) ? 1 : 0;
            case LOR -> (t != 0 || i != 0) ? 1 : 0;
            case LXOR -> ((t != 0) ^ (i != 0)) ? 1 : 0;
            default -> throw new IllegalArgumentException(op + " is not a reduction");
        };
    }

    private static long floating(AtomicOp op, AtomicType type, long tBits, long iBits) {
        if (type == AtomicType.FLOAT) {
            float t = Float.intBitsToFloat((int) tBits);
            float i = Float.intBitsToFloat((int) iBits);
            float r = switch (op) {
                case SUM -> t + i;
                case PROD -> t * i;
                case MIN -> t < i ? t : i;
                case MAX -> t > i ? t : i;
                default -> throw new IllegalArgumentException(op + " is not defined on " + type);
            };
            return Float.floatToRawIntBits(r) & 0xffffffffL;
        }
        double t = Double.longBitsToDouble(tBits);
        double i = Double.longBitsToDouble(iBits);
        double r = switch (op) {
            case SUM -> t + i;
            case PROD -> t * i;
            case MIN -> t < i ? t : i;
            case MAX -> t > i ? t : i;
            default -> throw new IllegalArgumentException(op + " is not defined on " + type);
        };
        return Double.doubleToRawLongBits(r);
    }

    /** {@code compare OP target} for the conditional swaps. */
    private static boolean condition(AtomicOp op, AtomicType type, long compareBits, long targetBits) {
        int c;
        if (type.isFloating()) {
            double a = type == AtomicType.FLOAT ? Float.intBitsToFloat((int) compareBits)
                    : Double.longBitsToDouble(compareBits);
            double b = type == AtomicType.FLOAT ? Float.intBitsToFloat((int) targetBits)
                    : Double.longBitsToDouble(targetBits);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return op == AtomicOp.CSWAP_NE; // unordered: only "not equal" holds, as in C
            }
            c = a < b ? -1 : (a > b ? 1 : 0);
        } else {
            c = compareInt(widen(compareBits, type), widen(targetBits, type), type);
        }
        return switch (op) {
            case CSWAP -> c == 0;
            case CSWAP_NE -> c != 0;
            case CSWAP_LE -> c <= 0;
            case CSWAP_LT -> c < 0;
            case CSWAP_GE -> c >= 0;
            case CSWAP_GT -> c > 0;
            default -> throw new IllegalArgumentException(op + " is not a conditional swap");
        };
    }

    /** Sign- or zero-extends an element's bits to a long according to the type. */
    private static long widen(long bits, AtomicType type) {
        int shift = 64 - 8 * type.size();
        if (shift == 0) {
            return bits;
        }
        return type.isSigned() ? (bits << shift) >> shift : bits & (-1L >>> shift);
    }

    private static int compareInt(long a, long b, AtomicType type) {
        return type.isSigned() ? Long.compare(a, b) : Long.compareUnsigned(a, b);
    }
}
