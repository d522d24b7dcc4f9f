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

    /**
     * Any Java object, serialised with Kryo (classes registered on the fly, references kept):
     * the message's size is its serialised size. Read it back with {@link #object()}.
     */
    public static Payload ofObject(Object value) {
        com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(256, -1);
        kryo().writeClassAndObject(out, value);
        return of(out.toBytes());
    }

    /** The object a {@link #ofObject} payload carried. */
    public Object object() {
        if (!real()) throw new IllegalStateException("a payload of " + bytes + " B without data holds no object");
        return kryo().readClassAndObject(new com.esotericsoftware.kryo.io.Input(data));
    }

    private static final ThreadLocal<com.esotericsoftware.kryo.Kryo> KRYO = ThreadLocal.withInitial(() -> {
        com.esotericsoftware.kryo.Kryo k = new com.esotericsoftware.kryo.Kryo();
        k.setRegistrationRequired(false); // rank programs send their own types
        k.setReferences(true);
        return k;
    });

    private static com.esotericsoftware.kryo.Kryo kryo() {
        return KRYO.get();
    }
}
