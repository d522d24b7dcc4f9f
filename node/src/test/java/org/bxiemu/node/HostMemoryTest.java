package org.bxiemu.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Node memory keeps real bytes where programs wrote them, merges overlaps, and forgets freed ones. */
class HostMemoryTest {
    @Test
    void writesMergeReadsSpanAndFreesCut() {
        HostMemory m = new HostMemory();
        m.write(100, new byte[] {1, 2, 3, 4});
        m.write(104, new byte[] {5, 6});
        m.write(102, new byte[] {9, 9, 9});
        assertEquals(1, m.regions(), "overlapping and touching writes merge");
        assertArrayEquals(new byte[] {1, 2, 9, 9, 9, 6}, m.read(100, 6));
        assertEquals(0, m.read(99, 3).length, "bytes before the region are not real");
        m.free(102, 2);
        assertEquals(2, m.regions(), "a free in the middle cuts the region in two");
        assertArrayEquals(new byte[] {1, 2}, m.read(100, 2));
        assertArrayEquals(new byte[] {9, 6}, m.read(104, 2));
        assertEquals(0, m.read(101, 4).length, "the freed bytes are gone");
        m.free(0, 1000);
        assertEquals(0, m.regions());
    }
}
