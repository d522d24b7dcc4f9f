package org.bxiemu.node.user;

import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.bxiemu.kernel.Syscall;

/**
 * One piece of a thread's work, executed by the core that runs the thread. User-mode steps may be
 * split by a user interrupt or a kernel interrupt and resume afterwards with their remaining time.
 */
public sealed interface Step {

    /** Application compute for {@code duration} ps (category compute). */
    record Compute(long duration) implements Step {}

    /** Library code (MPI progress, matching, packing) of {@code cycles} cycles (category library). */
    record Library(long cycles) implements Step {}

    /**
     * Spins until {@code condition} holds (category polling). The condition reads thread-local
     * state, which only a handler running on this core can change: it is re-checked after each
     * handler, so polling costs no event per loop iteration. At virtual time {@code deadline} the
     * spin gives up: the step ends with {@code -ETIMEDOUT}.
     */
    record SpinUntil(BooleanSupplier condition, long deadline) implements Step {
        public SpinUntil(BooleanSupplier condition) {
            this(condition, END_OF_TIME);
        }
    }

    /**
     * Spins on the memory word at {@code address} until {@code until} holds for its value
     * (category polling): the core watches the word and is told of each change after a
     * cache-line transfer. At virtual time {@code deadline} the wait gives up: the step ends with
     * {@code -ETIMEDOUT}.
     */
    record WaitWord(long address, LongPredicate until, long deadline) implements Step {
        public WaitWord(long address, LongPredicate until) {
            this(address, until, END_OF_TIME);
        }
    }

    /**
     * Spins on several memory words at once (category polling) until one of them satisfies its
     * condition: the result's value is that word's index in {@code words}; at virtual time
     * {@code deadline} the wait gives up with {@code -ETIMEDOUT}. A poller serving several queues
     * waits this way.
     */
    record WaitAnyWord(java.util.List<WordCondition> words, long deadline) implements Step {
        public WaitAnyWord {
            words = java.util.List.copyOf(words);
            if (words.isEmpty()) throw new IllegalArgumentException("WaitAnyWord: no word to wait on");
        }
    }

    /**
     * Loads several memory words together, once (category polling, one round trip: the loads are
     * issued at once): the result's value is the index in {@code words} of the first word whose
     * value meets its condition, or {@code words.size()} if none does. A library checking whether
     * any of its queues moved does this, then waits on them only if none did.
     */
    record LoadAny(java.util.List<WordCondition> words) implements Step {
        public LoadAny {
            words = java.util.List.copyOf(words);
        }
    }

    /** A word a {@link WaitAnyWord} watches (or a {@link LoadAny} loads), and the condition its value must meet. */
    record WordCondition(long address, LongPredicate until) {}

    /** The deadline of a wait that waits as long as it takes. */
    long END_OF_TIME = Long.MAX_VALUE;

    /**
     * An atomic read-modify-write of the memory word at {@code address} (a lock-prefixed
     * instruction): compare-and-swap, fetch-and-add or swap. The result's value is the word's old
     * value; the core waits for it (a cache-line round trip) and the node orders concurrent
     * atomics from several cores in virtual time. Locks between the threads of a process are built
     * on it.
     */
    record Atomic(long address, AtomicKind kind, long operand, long expected) implements Step {}

    enum AtomicKind { COMPARE_AND_SWAP, FETCH_AND_ADD, SWAP }

    /** Stores {@code value} to the memory word at {@code address}. */
    record Store(long address, long value) implements Step {}

    record Call(Syscall syscall) implements Step {}

    /**
     * Reaps up to {@code max} completions from the ring whose queue is at {@code address} (a read of
     * shared memory, no syscall): the result's value is how many, {@link UserApi#completions()} lists them.
     */
    record Reap(long address, int max) implements Step {}

    /**
     * A command written to the NIC's doorbell (MMIO, posted) for the network interface of Portals
     * process {@code portalsPid} (a thread's pid, or any id a library gives its interface, as
     * PtlNIInit's pid). When the NIC has processed it, the word at {@code completionWord} is set
     * to the allocated handle + 1 (or 1): poll it with {@link WaitWord}. Without a completion
     * word ({@link #posted}) the NIC writes nothing back.
     */
    record Doorbell(int portalsPid, org.bxiemu.nic.host.HostMessage.HostRequest request,
            java.util.OptionalLong completionWord) implements Step {
        public Doorbell(int portalsPid, org.bxiemu.nic.host.HostMessage.HostRequest request, long completionWord) {
            this(portalsPid, request, java.util.OptionalLong.of(completionWord));
        }

        /** A command whose effects come as events: no completion word. */
        public static Doorbell posted(int portalsPid, org.bxiemu.nic.host.HostMessage.HostRequest request) {
            return new Doorbell(portalsPid, request, java.util.OptionalLong.empty());
        }
    }

    /**
     * Takes up to {@code max} events from event queue {@code eq} of Portals process
     * {@code portalsPid} (the pid its network interface was opened with) in node memory
     * ({@link UserApi#events()}).
     */
    record TakeEvents(int portalsPid, org.bxiemu.nic.portals.EqHandle eq, int max) implements Step {}

    /** Writes real bytes to node memory at {@code address} (a buffer the NIC may read by DMA). */
    record WriteMemory(long address, byte[] data) implements Step {}

    /** Reads {@code length} bytes at {@code address}; the result's data holds them when they are real. */
    record ReadMemory(long address, long length) implements Step {}

    /** Frees a buffer: node memory forgets its real bytes (costs a store). */
    record FreeMemory(long address, long length) implements Step {}

    /** SENDUIPI with UITT index {@code index}; an invalid index or entry faults the thread. */
    record SendUipi(int index) implements Step {}

    /** CLUI: UIF = 0. */
    record Clui() implements Step {}

    /** STUI: UIF = 1 (a recognised interrupt is then delivered). */
    record Stui() implements Step {}

    /** TESTUI: the result's value is UIF (1 or 0). */
    record Testui() implements Step {}

    /** UIRET: the end of a user-interrupt handler. */
    record Uiret() implements Step {}

    /**
     * xUI's kernel-bypass timer: every {@code period} ps while the thread runs, user vector
     * {@code vector} is raised locally, without UPID or IPI ({@code period} 0 disarms it).
     */
    record KbTimer(long period, int vector) implements Step {}
}
