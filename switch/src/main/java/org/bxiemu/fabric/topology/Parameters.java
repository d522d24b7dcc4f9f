package org.bxiemu.fabric.topology;

import org.bxiemu.engine.BadInputException;

/** Checks shared by the topology records; each error names the configuration key at fault. */
final class Parameters {
    static final String RADIX_KEY = "switch.radix";

    private Parameters() {}

    static void checkRadix(int radix) {
        if (radix < 1 || radix > FabricGraph.MAX_RADIX) {
            throw new BadInputException(RADIX_KEY + ": " + radix + " is out of range 1.." + FabricGraph.MAX_RADIX);
        }
    }

    static void atLeast(String key, int value, int min) {
        if (value < min) throw new BadInputException(key + ": must be at least " + min + ", was " + value);
    }

    /** A product of counts, refused (naming {@code key}) once it passes {@code max}. */
    static long product(String key, String what, long max, long... factors) {
        long p = 1;
        for (long f : factors) {
            p *= f;
            if (p > max) throw new BadInputException(key + ": more than " + max + " " + what);
        }
        return p;
    }
}
