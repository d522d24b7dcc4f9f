package org.bxiemu.nic.portals;

/**
 * Atomic operations ({@code ptl_op_t}). The reduction operations combine the target value with
 * the initiator's value ({@code target = target OP initiator}); the swap family is only valid in
 * a swap operation.
 */
public enum AtomicOp {
    MIN, MAX, SUM, PROD,
    /** Logical OR: 1 if either value is non-zero (integer types). */
    LOR,
    /** Logical AND: 1 if both values are non-zero (integer types). */
    LAND,
    BOR, BAND,
    /** Logical XOR: 1 if exactly one value is non-zero (integer types). */
    LXOR,
    BXOR,
    /** Target takes the initiator's value; the old value is returned. */
    SWAP,
    /** Swap if operand == target (single element). */
    CSWAP,
    /** Swap if operand != target. */
    CSWAP_NE,
    /** Swap if operand <= target. */
    CSWAP_LE,
    /** Swap if operand < target. */
    CSWAP_LT,
    /** Swap if operand >= target. */
    CSWAP_GE,
    /** Swap if operand > target. */
    CSWAP_GT,
    /** Swap under mask: bits set in the operand take the initiator's value (single element). */
    MSWAP;

    /** Member of the swap family (only usable with a swap operation). */
    public boolean isSwap() {
        return ordinal() >= SWAP.ordinal();
    }

    /** A conditional swap (CSWAP and variants). */
    public boolean isConditionalSwap() {
        return ordinal() >= CSWAP.ordinal() && this != MSWAP;
    }

    /** Needs the extra operand (compare value or mask) and is limited to one element. */
    public boolean usesOperand() {
        return isConditionalSwap() || this == MSWAP;
    }

    /** Bitwise or logical operation: defined on integer types only. */
    public boolean isBitwiseOrLogical() {
        return this == LOR || this == LAND || this == LXOR || this == BOR || this == BAND || this == BXOR;
    }
}
