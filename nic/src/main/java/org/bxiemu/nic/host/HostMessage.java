package org.bxiemu.nic.host;

import java.util.OptionalInt;
import java.util.Set;
import org.bxiemu.nic.portals.AtomicOp;
import org.bxiemu.nic.portals.AtomicType;
import org.bxiemu.nic.portals.CtHandle;
import org.bxiemu.nic.portals.CtValue;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MeHandle;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.PtOption;

/**
 * Messages between a NIC and its host. A NIC and its node always share a partition (DESIGN.md
 * §3), so these are in-process records, never serialised; what leaves the node is protobuf.
 * Host to NIC: doorbells and DMA completions. NIC to host: DMA requests, event and counter
 * writes, and command completions.
 */
public sealed interface HostMessage {

    /**
     * A command written to the NIC's doorbell by process {@code pid}; {@code tag}, when present,
     * comes back in {@link CommandDone} (absent: a posted command whose completion nobody reads
     * costs no completion write).
     */
    record Doorbell(int pid, java.util.OptionalLong tag, HostRequest request) implements HostMessage {
        public Doorbell(int pid, long tag, HostRequest request) {
            this(pid, java.util.OptionalLong.of(tag), request);
        }
    }

    /** What a doorbell asks for: the Portals calls that go through the NIC. */
    sealed interface HostRequest {}

    record OpenInterface() implements HostRequest {}

    record PtAlloc(int index, EqHandle eq, Set<PtOption> options) implements HostRequest {}

    record EqAlloc(int capacity) implements HostRequest {}

    record CtAlloc() implements HostRequest {}

    record MdBind(MemoryDescriptor md) implements HostRequest {}

    record MeAppend(MatchEntry spec) implements HostRequest {}

    /**
     * {@code PtlMEUnlink}. The completion word gets 2 if the entry was unlinked, 1 if it was no
     * longer linked (a use-once entry a message had already matched): how a library racing the NIC
     * for a receive learns who won.
     */
    record MeUnlink(MeHandle me) implements HostRequest {}

    record Operation(DataCommand command) implements HostRequest {}

    record Triggered(DataCommand command, CtHandle trigger, long threshold) implements HostRequest {}

    record CtInc(CtHandle ct, CtValue increment) implements HostRequest {}

    /**
     * {@code PtlTriggeredCTInc}: adds {@code increment} to {@code ct} once {@code trigger} reaches
     * {@code threshold}, in the NIC, so that one counter can wait for several others (the AND of
     * triggered collectives).
     */
    record TriggeredCtInc(CtHandle ct, CtValue increment, CtHandle trigger, long threshold) implements HostRequest {}

    record EqConsumed(EqHandle eq, int count) implements HostRequest {}

    /**
     * How the NIC signals new events in {@code eq} (see {@link InterruptPolicy}): only events of the
     * given kinds raise an interrupt, as a NIC lets software ask for completion interrupts only on
     * the operations that need the host (InfiniBand's solicited events are the same idea); the
     * others are written to the queue silently.
     */
    record EqInterrupts(EqHandle eq, InterruptPolicy policy, java.util.Set<org.bxiemu.nic.portals.EventKind> kinds)
            implements HostRequest {
        public EqInterrupts {
            kinds = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(kinds));
        }

        /** Every event interrupts. */
        public EqInterrupts(EqHandle eq, InterruptPolicy policy) {
            this(eq, policy, java.util.EnumSet.allOf(org.bxiemu.nic.portals.EventKind.class));
        }
    }

    /** How the NIC signals updates of counter {@code ct}. */
    record CtInterrupts(CtHandle ct, InterruptPolicy policy) implements HostRequest {}

    /**
     * What the NIC does when it writes an event or a counter: nothing (the host polls), an MSI to
     * a core's APIC for the kernel, or a user vector posted to a UPID (device-to-user). With a
     * moderation interval, at most one interrupt per interval: the rest are folded into one
     * raised when the interval ends.
     */
    sealed interface InterruptPolicy {
        long moderation();
    }

    record NoInterrupt() implements InterruptPolicy {
        @Override
        public long moderation() {
            return 0;
        }
    }

    record Msi(int core, int vector, long moderation) implements InterruptPolicy {}

    record UserVector(long upidAddress, int userVector, long moderation) implements InterruptPolicy {}

    /** A doorbell was processed; {@code handle} is the allocated handle, if the request allocates one. */
    record CommandDone(int pid, long tag, OptionalInt handle) implements HostMessage {}

    /** NIC reads host memory; answered by {@link DmaData}. */
    record DmaRead(long tag, long address, long length) implements HostMessage {}

    /**
     * Host memory read for the NIC: {@code length} bytes, carried in {@code data} when the memory
     * holds real data, or none ({@code data} empty) when it is modelled only — a message always
     * has a modelled size, real bytes only when the program gave some.
     */
    record DmaData(long tag, long length, byte[] data) implements HostMessage {
        public boolean carriesData() {
            return data.length == length;
        }
    }

    /** NIC writes {@code length} bytes of host memory; {@code data} is empty when the message carried none. */
    record DmaWrite(long address, long length, byte[] data) implements HostMessage {}

    /** NIC applies an atomic to host memory; answered by {@link DmaData} holding the old bytes. */
    record DmaAtomic(long tag, long address, AtomicOp op, AtomicType type, byte[] operand, long compare)
            implements HostMessage {}

    /** An event written into an event queue in host memory. */
    record EventWrite(int pid, EqHandle eq, long sequence, boolean droppedBefore, Event event)
            implements HostMessage {}

    /** A counting event's new value written to host memory. */
    record CounterWrite(int pid, CtHandle ct, CtValue value) implements HostMessage {}
}
