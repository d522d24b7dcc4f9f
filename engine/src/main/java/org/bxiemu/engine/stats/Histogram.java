package org.bxiemu.engine.stats;

/**
 * Log2 histogram of non-negative longs (picoseconds, bytes, counts): bucket 0 holds values <= 0,
 * bucket i holds values in [2^(i-1), 2^i). Exact count, sum, min and max are kept besides.
 */
public final class Histogram {
    public static final int BUCKETS = 64;

    private final String name;
    private final long[] buckets = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    Histogram(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void record(long value) {
        int bucket = value <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(value);
        buckets[Math.min(bucket, BUCKETS - 1)]++;
        count++;
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return count == 0 ? 0 : max;
    }

    public long bucket(int i) {
        return buckets[i];
    }

    /** Index of the highest non-empty bucket + 1, so exports stay short. */
    public int usedBuckets() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (buckets[i] != 0) return i + 1;
        }
        return 0;
    }
}
