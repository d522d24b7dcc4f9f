package org.bxiemu.mpi;

/**
 * The content of a message: always a modelled size in bytes, and the bytes themselves when the
 * program gave real data ({@code data.length == bytes}).
 */
public record Payload(long bytes, byte[] data) {
    private static final byte[] NONE = new byte[0];

    public Payload {
        if (bytes < 0) throw new IllegalArgumentException("negative message size " + bytes);
        if (data == null) data = NONE;
        if (data.length != 0 && data.length != bytes) {
            throw new IllegalArgumentException("a payload of " + bytes + " B holding " + data.length + " B of data");
        }
    }

    /** A message of {@code bytes} bytes with no content (its size is what matters). */
    public static Payload modelled(long bytes) {
        return new Payload(bytes, NONE);
    }

    public static Payload of(byte[] data) {
        return new Payload(data.length, data.clone());
    }

    public boolean real() {
        return data.length == bytes && bytes > 0;
    }
}
