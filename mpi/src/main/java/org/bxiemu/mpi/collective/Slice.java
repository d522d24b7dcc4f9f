package org.bxiemu.mpi.collective;

import java.util.Objects;

/** {@code count} elements of a {@link Buffer} from element {@code offset}. */
public record Slice(Buffer buffer, int offset, int count) {
    public Slice {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || count < 0 || (long) offset + count > buffer.count()) {
            throw new IllegalArgumentException(
                    "slice [" + offset + ", +" + count + ") outside " + buffer);
        }
    }

    public Datatype datatype() {
        return buffer.datatype();
    }

    /** Size in bytes. */
    public long bytes() {
        return (long) count * buffer.datatype().bytes();
    }

    /** Whether the two slices share at least one element of the same buffer. */
    public boolean overlaps(Slice other) {
        return buffer == other.buffer
                && count > 0
                && other.count > 0
                && offset < other.offset + other.count
                && other.offset < offset + count;
    }

    /**
     * Copies this slice's elements into {@code into} (a local copy, or the delivery of a message
     * to its receive slice); does nothing if either buffer is modelled.
     *
     * @throws IllegalArgumentException if the slices differ in datatype or count
     */
    public void copyTo(Slice into) {
        checkCompatible(this, into);
        if (!buffer.isReal() || !into.buffer.isReal()) {
            return;
        }
        Object src = switch (buffer.datatype()) {
            case INT -> buffer.intData();
            case LONG -> buffer.longData();
            case DOUBLE -> buffer.doubleData();
        };
        Object dst = switch (into.buffer.datatype()) {
            case INT -> into.buffer.intData();
            case LONG -> into.buffer.longData();
            case DOUBLE -> into.buffer.doubleData();
        };
        System.arraycopy(src, offset, dst, into.offset, count);
    }

    static void checkCompatible(Slice from, Slice into) {
        if (from.datatype() != into.datatype() || from.count != into.count) {
            throw new IllegalArgumentException("incompatible slices: " + from + " -> " + into);
        }
    }

    @Override
    public String toString() {
        return buffer + "[" + offset + ", +" + count + ")";
    }
}
