package org.bxiemu.kernel;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a file descriptor refers to. */
sealed interface OpenFile {

    final class EventFd implements OpenFile {
        long count;
        final Deque<KernelThread> readers = new ArrayDeque<>();

        EventFd(long initial) {
            count = initial;
        }
    }

    /** One end of a pipe or socket: reads from {@code in}, writes to {@code out} (either may be null). */
    record ChannelEnd(ByteChannel in, ByteChannel out) implements OpenFile {}

    /** A user-interrupt fd: (receiver thread, user vector). */
    record UintrFd(KernelThread receiver, int vector) implements OpenFile {}
}
