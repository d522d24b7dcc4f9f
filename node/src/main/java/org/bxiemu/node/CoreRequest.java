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
     * Watch memory words until one's value satisfies its condition (now or after a change): the
     * node then sends that value once and forgets the whole watch, as the core would have
     * unwatched the others — a core spins on one set of words at a time, so a new watch replaces
     * the core's earlier one. The predicates are the waiting code's own (in-process: a core and
     * its node share a partition).
     */
    record Watch(java.util.List<org.bxiemu.node.user.Step.WordCondition> words, int core) implements CoreRequest {}

    /** Forget the core's watch (its wait ended otherwise: deadline, interrupt, preemption). */
    record Unwatch(int core) implements CoreRequest {}

    /** Load {@code words} now; answer with the first that meets its condition ({@code request} tags the answer). */
    record LoadAny(java.util.List<org.bxiemu.node.user.Step.WordCondition> words, int core, long request)
            implements CoreRequest {}

    record Atomic(long address, org.bxiemu.node.user.Step.AtomicKind kind, long operand, long expected, int core)
            implements CoreRequest {}

    /** A doorbell write for the NIC by process {@code pid}. */
    record Doorbell(int pid, java.util.OptionalLong completionWord, org.bxiemu.nic.host.HostMessage.HostRequest request,
            int core)
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
