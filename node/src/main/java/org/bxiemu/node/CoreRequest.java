package org.bxiemu.node;

/** What a core asks of its node's memory and APIC fabric (in-process: a node shares one partition). */
public sealed interface CoreRequest {
    int core();

    /** Notification processing: clear ON and take PIR of the UPID at {@code upid}. */
    record Recognize(long upid, int core) implements CoreRequest {}

    /** SENDUIPI: read entry {@code index} of UITT {@code uitt} and post its vector. */
    record SendUipi(int uitt, int index, int core) implements CoreRequest {}

    record Store(long address, long value, int core) implements CoreRequest {}

    /** Watch a memory word: its value now, and again after every change. */
    record Watch(long address, int core) implements CoreRequest {}

    record Unwatch(long address, int core) implements CoreRequest {}

    /** Take up to {@code max} completions from the ring queue at {@code address}. */
    record Reap(long address, int max, int core) implements CoreRequest {}

    /** A forwarded device interrupt found its thread gone: post it to the UPID instead. */
    record Repost(long upid, int vector, int core) implements CoreRequest {}
}
