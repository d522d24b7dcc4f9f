package org.bxiemu.node;

/** What a core asks of its node's memory and APIC fabric (in-process: a node shares one partition). */
public sealed interface CoreRequest {
    int core();

    /** Notification processing: clear ON and take PIR of the UPID at {@code upid}. */
    record Recognize(long upid, int core) implements CoreRequest {}

    /** SENDUIPI: read entry {@code index} of UITT {@code uitt} and post its vector. */
    record SendUipi(int uitt, int index, int core) implements CoreRequest {}

    record Store(long address, long value, int core) implements CoreRequest {}

    /**
     * Watch a memory word until its value satisfies {@code until} (now or after a change): the node
     * then sends that value once and forgets the watch, as the core would have unwatched it. The
     * predicate is the waiting code's own (in-process: a core and its node share a partition).
     */
    record Watch(long address, int core, java.util.function.LongPredicate until) implements CoreRequest {}

    record Unwatch(long address, int core) implements CoreRequest {}

    /** Load {@code words} now; answer with the first that meets its condition ({@code request} tags the answer). */
    record LoadAny(java.util.List<org.bxiemu.node.user.Step.WordCondition> words, int core, long request)
            implements CoreRequest {}

    record Atomic(long address, org.bxiemu.node.user.Step.AtomicKind kind, long operand, long expected, int core)
            implements CoreRequest {}

    /** A doorbell write for the NIC by process {@code pid}. */
    record Doorbell(int pid, long completionWord, org.bxiemu.nic.host.HostMessage.HostRequest request, int core)
            implements CoreRequest {}

    record TakeEvents(int pid, org.bxiemu.nic.portals.EqHandle eq, int max, int core) implements CoreRequest {}

    record WriteMemory(long address, byte[] data, int core) implements CoreRequest {}

    record ReadMemory(long address, long length, int core) implements CoreRequest {}

    record FreeMemory(long address, long length, int core) implements CoreRequest {}

    /** Take up to {@code max} completions from the ring queue at {@code address}. */
    record Reap(long address, int max, int core) implements CoreRequest {}

    /** A forwarded device interrupt found its thread gone: post it to the UPID instead. */
    record Repost(long upid, int vector, int core) implements CoreRequest {}
}
