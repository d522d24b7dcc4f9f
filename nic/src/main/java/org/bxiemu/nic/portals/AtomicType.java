package org.bxiemu.nic.portals;

/**
 * Datatypes of atomic operations ({@code ptl_datatype_t}), stored little-endian in memory.
 * The complex and long-double types of Portals are not modelled.
 */
public enum AtomicType {
    INT8(1, true, false),
    UINT8(1, false, false),
    INT16(2, true, false),
    UINT16(2, false, false),
    INT32(4, true, false),
    UINT32(4, false, false),
    INT64(8, true, false),
    UINT64(8, false, false),
    FLOAT(4, true, true),
    DOUBLE(8, true, true);

    private final int size;
    private final boolean signed;
    private final boolean floating;

    AtomicType(int size, boolean signed, boolean floating) {
        this.size = size;
        this.signed = signed;
        this.floating = floating;
    }

    /** Size of one element in bytes. */
    public int size() {
        return size;
    }

    /** Signed integer (or floating point) comparison semantics. */
    public boolean isSigned() {
        return signed;
    }

    public boolean isFloating() {
        return floating;
    }
}
