package org.bxiemu.node;

/** What the node tells a core (in-process). */
public sealed interface CoreSignal {

    /** An interrupt with {@code vector}; {@code sourceUpid} is the UPID whose post raised it (0 if none). */
    record Ipi(int vector, long sourceUpid) implements CoreSignal {}

    /** The PIR bits taken by a {@link CoreRequest.Recognize}. */
    record PirBits(long upid, long bits) implements CoreSignal {}

    /** SENDUIPI completed; {@code fault} when the UITT index or entry was invalid (#GP). */
    record UipiDone(boolean fault) implements CoreSignal {}

    record WordValue(long address, long value) implements CoreSignal {}

    /** The answer to load request {@code request}: the index of the first word that met its condition (or their count). */
    record LoadedAny(long request, int index) implements CoreSignal {}

    /** The old value of the word an atomic updated. */
    record AtomicDone(long address, long old) implements CoreSignal {}

    record EventsTaken(java.util.List<org.bxiemu.nic.portals.Event> events) implements CoreSignal {}

    record MemoryRead(long address, long length, byte[] data) implements CoreSignal {}

    /** The completions a {@link CoreRequest.Reap} took. */
    record Reaped(long address, java.util.List<org.bxiemu.node.user.Completion> completions) implements CoreSignal {}

    /** xUI interrupt forwarding: a device's user vector for the thread running on this core. */
    record Forwarded(long upid, int vector) implements CoreSignal {}
}
