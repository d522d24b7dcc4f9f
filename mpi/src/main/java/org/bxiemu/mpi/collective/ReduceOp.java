package org.bxiemu.mpi.collective;

/**
 * A reduction operator, applied element-wise to real data (all are commutative and associative;
 * integer arithmetic wraps around, as in C).
 */
public enum ReduceOp {
    SUM,
    MIN,
    MAX,
    PROD;

    /**
     * {@code into[i] = into[i] ⊕ from[i]} for every element; does nothing if either buffer is
     * modelled only.
     *
     * @throws IllegalArgumentException if the slices differ in datatype or count
     */
    public void apply(Slice from, Slice into) {
        Slice.checkCompatible(from, into);
        if (!from.buffer().isReal() || !into.buffer().isReal()) {
            return;
        }
        int n = from.count();
        int fo = from.offset();
        int io = into.offset();
        switch (from.buffer().datatype()) {
            case INT -> {
                int[] f = from.buffer().intData();
                int[] t = into.buffer().intData();
                for (int i = 0; i < n; i++) {
                    t[io + i] = apply(t[io + i], f[fo + i]);
                }
            }
            case LONG -> {
                long[] f = from.buffer().longData();
                long[] t = into.buffer().longData();
                for (int i = 0; i < n; i++) {
                    t[io + i] = apply(t[io + i], f[fo + i]);
                }
            }
            case DOUBLE -> {
                double[] f = from.buffer().doubleData();
                double[] t = into.buffer().doubleData();
                for (int i = 0; i < n; i++) {
                    t[io + i] = apply(t[io + i], f[fo + i]);
                }
            }
        }
    }

    /** {@code a ⊕ b} on ints. */
    public int apply(int a, int b) {
        return switch (this) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case PROD -> a * b;
        };
    }

    /** {@code a ⊕ b} on longs. */
    public long apply(long a, long b) {
        return switch (this) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case PROD -> a * b;
        };
    }

    /** {@code a ⊕ b} on doubles. */
    public double apply(double a, double b) {
        return switch (this) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case PROD -> a * b;
        };
    }
}
