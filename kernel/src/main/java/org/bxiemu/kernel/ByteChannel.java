package org.bxiemu.kernel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** The buffer of one direction of a pipe or UNIX stream socket, with the threads waiting on it. */
final class ByteChannel {
    enum Kind { PIPE, UNIX_SOCKET }

    private record Chunk(long length, byte[] data) {}

    record Taken(long length, byte[] data) {}

    final Kind kind;
    final long capacity;
    private final Deque<Chunk> chunks = new ArrayDeque<>();
    private long buffered;
    final Deque<KernelThread> readers = new ArrayDeque<>();
    final Deque<KernelThread> writers = new ArrayDeque<>();
    final Deque<OpenFile.PendingRead> ringReaders = new ArrayDeque<>();
    boolean writeClosed;

    ByteChannel(Kind kind, long capacity) {
        this.kind = kind;
        this.capacity = capacity;
    }

    long buffered() {
        return buffered;
    }

    boolean fits(long length) {
        return buffered + length <= capacity || buffered == 0;
    }

    void put(long length, byte[] data) {
        chunks.addLast(new Chunk(length, data));
        buffered += length;
    }

    /** Takes up to {@code max} bytes; the data is real only if every byte taken was. */
    Taken take(long max) {
        long taken = 0;
        boolean real = true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (taken < max && !chunks.isEmpty()) {
            Chunk c = chunks.pollFirst();
            long n = Math.min(c.length(), max - taken);
            boolean chunkReal = c.data().length == c.length();
            if (chunkReal) bytes.write(c.data(), 0, (int) n);
            real &= chunkReal;
            if (n < c.length()) {
                byte[] rest = chunkReal ? java.util.Arrays.copyOfRange(c.data(), (int) n, c.data().length) : c.data();
                chunks.addFirst(new Chunk(c.length() - n, chunkReal ? rest : new byte[0]));
            }
            taken += n;
        }
        buffered -= taken;
        return new Taken(taken, real ? bytes.toByteArray() : new byte[0]);
    }
}
