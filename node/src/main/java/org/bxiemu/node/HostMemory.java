package org.bxiemu.node;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a node's memory that programs gave real content: regions created by writes. A
 * read of memory nobody wrote is modelled only (no bytes), as a message may carry a size without
 * data; a read that straddles regions or leaves one is modelled only too.
 */
final class HostMemory {
    private final TreeMap<Long, byte[]> regions = new TreeMap<>();

    void write(long address, byte[] data) {
        if (data.length == 0) return;
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        if (e != null && address + data.length <= e.getKey() + e.getValue().length) {
            System.arraycopy(data, 0, e.getValue(), (int) (address - e.getKey()), data.length);
            return;
        }
        // a new region, merged with the regions it overlaps
        long start = address;
        long end = address + data.length;
        Long first = regions.floorKey(address);
        TreeMap<Long, byte[]> overlapping = new TreeMap<>();
        for (Map.Entry<Long, byte[]> o : regions.subMap(first == null ? address : first, true, end, false).entrySet()) {
            if (o.getKey() + o.getValue().length > address) overlapping.put(o.getKey(), o.getValue());
        }
        for (Map.Entry<Long, byte[]> o : overlapping.entrySet()) {
            start = Math.min(start, o.getKey());
            end = Math.max(end, o.getKey() + o.getValue().length);
        }
        byte[] merged = new byte[Math.toIntExact(end - start)];
        for (Map.Entry<Long, byte[]> o : overlapping.entrySet()) {
            System.arraycopy(o.getValue(), 0, merged, (int) (o.getKey() - start), o.getValue().length);
            regions.remove(o.getKey());
        }
        System.arraycopy(data, 0, merged, (int) (address - start), data.length);
        regions.put(start, merged);
    }

    /**
     * Forgets the real bytes of [{@code address}, {@code address + length}) — a buffer the program
     * freed — so that long runs with real data keep only live buffers.
     */
    void free(long address, long length) {
        Long first = regions.floorKey(address);
        for (Map.Entry<Long, byte[]> o : new TreeMap<>(regions.subMap(first == null ? address : first, true,
                address + length, false)).entrySet()) {
            long start = o.getKey();
            long end = start + o.getValue().length;
            if (end <= address) continue;
            regions.remove(start);
            if (start < address) regions.put(start, java.util.Arrays.copyOf(o.getValue(), (int) (address - start)));
            if (end > address + length) {
                regions.put(address + length, java.util.Arrays.copyOfRange(o.getValue(),
                        (int) (address + length - start), o.getValue().length));
            }
        }
    }

    int regions() {
        return regions.size();
    }

    /** The {@code length} bytes at {@code address}, or none when they are not all real. */
    byte[] read(long address, long length) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        if (e == null || length > Integer.MAX_VALUE || address + length > e.getKey() + e.getValue().length) {
            return new byte[0];
        }
        int from = (int) (address - e.getKey());
        return Arrays.copyOfRange(e.getValue(), from, from + (int) length);
    }
}
