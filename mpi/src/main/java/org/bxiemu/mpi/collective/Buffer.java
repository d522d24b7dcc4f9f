package org.bxiemu.mpi.collective;

import java.util.Objects;

/**
 * A typed array of {@link #count()} elements of one {@link Datatype}: either real data (an
 * {@code int[]}, {@code long[]} or {@code double[]}, wrapped, not copied) or modelled only (a size,
 * no data; copies and reductions into or out of it do nothing, sizes are still exact).
 *
 * <p>Buffers are mutable and compared by identity: two buffers are the same memory only if they
 * are the same object.
 */
public final class Buffer {
    private final Datatype datatype;
    private final int count;
    private final Object data; // int[], long[], double[] or null (modelled)

    private Buffer(Datatype datatype, int count, Object data) {
        this.datatype = Objects.requireNonNull(datatype, "datatype");
        if (count < 0) {
            throw new IllegalArgumentException("negative element count " + count);
        }
        this.count = count;
        this.data = data;
    }

    /** Wraps an {@code int[]} (not copied: results written into the buffer land in the array). */
    public static Buffer ofInts(int... data) {
        return new Buffer(Datatype.INT, data.length, data);
    }

    /** Wraps a {@code long[]}. */
    public static Buffer ofLongs(long... data) {
        return new Buffer(Datatype.LONG, data.length, data);
    }

    /** Wraps a {@code double[]}. */
    public static Buffer ofDoubles(double... data) {
        return new Buffer(Datatype.DOUBLE, data.length, data);
    }

    /** A real, zero-filled buffer. */
    public static Buffer allocate(Datatype datatype, int count) {
        return allocate(datatype, count, true);
    }

    /** A buffer of {@code count} elements, real and zero-filled if {@code real}, else modelled. */
    public static Buffer allocate(Datatype datatype, int count, boolean real) {
        if (!real) {
            return modelled(datatype, count);
        }
        if (count < 0) {
            throw new IllegalArgumentException("negative element count " + count);
        }
        Object data = switch (datatype) {
            case INT -> new int[count];
            case LONG -> new long[count];
            case DOUBLE -> new double[count];
        };
        return new Buffer(datatype, count, data);
    }

    /** A modelled buffer: a datatype and a count, no data. */
    public static Buffer modelled(Datatype datatype, int count) {
        return new Buffer(datatype, count, null);
    }

    public Datatype datatype() {
        return datatype;
    }

    /** Number of elements. */
    public int count() {
        return count;
    }

    /** Size in bytes. */
    public long bytes() {
        return (long) count * datatype.bytes();
    }

    /** Whether the buffer holds data. */
    public boolean isReal() {
        return data != null;
    }

    /** Whether the buffer is modelled only (no data). */
    public boolean isModelled() {
        return data == null;
    }

    /** The whole buffer as a slice. */
    public Slice all() {
        return new Slice(this, 0, count);
    }

    /** {@code count} elements from element {@code offset}. */
    public Slice slice(int offset, int count) {
        return new Slice(this, offset, count);
    }

    /** The backing {@code int[]}. @throws IllegalStateException if modelled or not INT */
    public int[] intData() {
        return (int[]) data(Datatype.INT);
    }

    /** The backing {@code long[]}. @throws IllegalStateException if modelled or not LONG */
    public long[] longData() {
        return (long[]) data(Datatype.LONG);
    }

    /** The backing {@code double[]}. @throws IllegalStateException if modelled or not DOUBLE */
    public double[] doubleData() {
        return (double[]) data(Datatype.DOUBLE);
    }

    private Object data(Datatype expected) {
        if (data == null) {
            throw new IllegalStateException("modelled buffer has no data: " + this);
        }
        if (datatype != expected) {
            throw new IllegalStateException(this + " is not of type " + expected);
        }
        return data;
    }

    /** Element {@code i} as a double (any real datatype). */
    public double getDouble(int i) {
        return switch (datatype) {
            case INT -> intData()[i];
            case LONG -> longData()[i];
            case DOUBLE -> doubleData()[i];
        };
    }

    /** Element {@code i} as a long (DOUBLE elements are truncated). */
    public long getLong(int i) {
        return switch (datatype) {
            case INT -> intData()[i];
            case LONG -> longData()[i];
            case DOUBLE -> (long) doubleData()[i];
        };
    }

    /** Sets element {@code i} (converted to the buffer's datatype). */
    public void set(int i, long value) {
        switch (datatype) {
            case INT -> intData()[i] = (int) value;
            case LONG -> longData()[i] = value;
            case DOUBLE -> doubleData()[i] = value;
        }
    }

    @Override
    public String toString() {
        return "Buffer[" + datatype + " x " + count + (data == null ? ", modelled" : "") + "]@"
                + Integer.toHexString(System.identityHashCode(this));
    }
}
