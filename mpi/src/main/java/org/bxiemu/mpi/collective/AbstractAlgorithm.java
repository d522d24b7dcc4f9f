package org.bxiemu.mpi.collective;

/** Argument checks and arithmetic shared by the algorithms. */
abstract class AbstractAlgorithm implements CollectiveAlgorithm {
    private final String name;
    private final Collective collective;

    AbstractAlgorithm(String name, Collective collective) {
        this.name = name;
        this.collective = collective;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Collective collective() {
        return collective;
    }

    @Override
    public final Schedule schedule(int rank, int size, CollectiveArgs args) {
        if (size < 1) {
            throw new IllegalArgumentException("communicator size must be >= 1, got " + size);
        }
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " outside 0.." + (size - 1));
        }
        if (args.collective() != collective) {
            throw new IllegalArgumentException(
                    this + " cannot run a " + args.collective() + " call");
        }
        return build(rank, size, args);
    }

    abstract Schedule build(int rank, int size, CollectiveArgs args);

    @Override
    public String toString() {
        return collective.name().toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    // ---- argument checks ------------------------------------------------------------------

    static void checkRoot(int root, int size) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " outside 0.." + (size - 1));
        }
    }

    static Buffer need(Buffer b, String what) {
        if (b == null) {
            throw new IllegalArgumentException(what + " buffer is required");
        }
        return b;
    }

    static void sameShape(Buffer a, Buffer b, String what) {
        if (a.datatype() != b.datatype() || a.count() != b.count()) {
            throw new IllegalArgumentException(what + ": " + a + " and " + b + " differ in datatype or count");
        }
    }

    static void sameType(Buffer a, Buffer b, String what) {
        if (a.datatype() != b.datatype()) {
            throw new IllegalArgumentException(what + ": " + a + " and " + b + " differ in datatype");
        }
    }

    static void hasCount(Buffer b, long expected, String what) {
        if (b.count() != expected) {
            throw new IllegalArgumentException(
                    what + " buffer must hold " + expected + " elements, has " + b.count());
        }
    }

    /** Scratch buffers are real iff every non-null user buffer is. */
    static boolean real(Buffer... buffers) {
        for (Buffer b : buffers) {
            if (b != null && b.isModelled()) {
                return false;
            }
        }
        return true;
    }

    // ---- arithmetic -----------------------------------------------------------------------

    static int mod(int a, int p) {
        int r = a % p;
        return r < 0 ? r + p : r;
    }

    /** Largest power of two {@code <= p} (p >= 1). */
    static int floorPow2(int p) {
        return Integer.highestOneBit(p);
    }

    static boolean isPow2(int p) {
        return p > 0 && (p & (p - 1)) == 0;
    }

    /** ⌈lg p⌉ (0 for p = 1). */
    static int ceilLog2(int p) {
        return p <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(p - 1);
    }

    /** ⌊lg p⌋. */
    static int floorLog2(int p) {
        return 31 - Integer.numberOfLeadingZeros(p);
    }

    /** Counts of {@code parts} blocks of {@code count} elements: count/parts each, the first count%parts one more. */
    static int[] blockCounts(int count, int parts) {
        int[] c = new int[parts];
        int base = count / parts;
        int extra = count % parts;
        for (int i = 0; i < parts; i++) {
            c[i] = base + (i < extra ? 1 : 0);
        }
        return c;
    }

    /** Displacements (prefix sums) of block counts, with one extra entry: the total. */
    static int[] displacements(int[] counts) {
        int[] d = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            d[i + 1] = d[i] + counts[i];
        }
        return d;
    }
}
