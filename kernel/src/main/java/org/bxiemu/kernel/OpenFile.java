package org.bxiemu.kernel;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a file descriptor refers to. */
sealed interface OpenFile {

    final class EventFd implements OpenFile {
        long count;
        final Deque<KernelThread> readers = new ArrayDeque<>();
        final Deque<PendingRead> ringReaders = new ArrayDeque<>();

        EventFd(long initial) {
            count = initial;
        }
    }

    /** One end of a pipe or socket: reads from {@code in}, writes to {@code out} (either may be null). */
    record ChannelEnd(ByteChannel in, ByteChannel out) implements OpenFile {}

    /** A completion ring: its queue's address in node memory, its owner and how it is notified. */
    record Ring(long address, KernelThread owner, Syscall.RingNotify notification) implements OpenFile {}

    /** A ring operation waiting for data. */
    record PendingRead(Ring ring, long userData, long maxLength) {}

    /** A user-interrupt fd: (receiver thread, user vector). */
    record UintrFd(KernelThread receiver, int vector) implements OpenFile {}
}
