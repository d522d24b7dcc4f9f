package org.bxiemu.engine;

import java.nio.charset.StandardCharsets;

/** Per-component random streams derived from (run seed, component id): placement-independent. */
final class Seeds {
    private Seeds() {}

    static long forComponent(long runSeed, String id) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the id's UTF-8 bytes
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(runSeed ^ mix(h));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
