package org.bxiemu.mpi.collective;

/** Element type of a {@link Buffer}, with its size in bytes. */
public enum Datatype {
    INT(4),
    LONG(8),
    DOUBLE(8);

    private final int bytes;

    Datatype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
