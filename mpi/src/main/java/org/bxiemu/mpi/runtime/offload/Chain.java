package org.bxiemu.mpi.runtime.offload;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.AtomicOp;
import org.bxiemu.nic.portals.AtomicType;
import org.bxiemu.nic.portals.CtHandle;
import org.bxiemu.nic.portals.CtValue;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeHandle;
import org.bxiemu.nic.portals.MeOption;

/**
 * What one rank posts for one offloaded collective: counting entries, signals and triggered
 * operations, all on the collective portal with this collective's match bits, and the memory it
 * uses. Peers are communicator ranks. Counters are indices into the collective's own counters.
 */
public final class Chain {
    private final RankPort port;
    private final Members members;
    private final int sequence;
    private final int portal;
    private final MdHandle md;
    private final CtHandle[] counters;
    /** Completion words of persistent entries, unlinked when the collective is over. */
    private final List<Long> persistent = new ArrayList<>();
    private final List<long[]> memory = new ArrayList<>();

    Chain(RankPort port, Members members, int sequence, int portal, MdHandle md, CtHandle[] counters) {
        this.port = port;
        this.members = members;
        this.sequence = sequence;
        this.portal = portal;
        this.md = md;
        this.counters = counters;
    }

    RankPort port() {
        return port;
    }

    Members members() {
        return members;
    }

    /** Memory for the collective, forgotten when it is over. */
    long allocate(long bytes) {
        long address = port.allocate(bytes);
        memory.add(new long[] {address, bytes});
        return address;
    }

    /**
     * Appends an entry over [address, address + length) counting every message that lands on it,
     * or landed before (a signal waiting in the overflow list), on {@code counter}. A {@code once}
     * entry takes one message; a persistent one is unlinked when the collective is over.
     */
    void expect(int slot, long address, long length, int counter, boolean once) {
        MatchEntry.Builder entry = MatchEntry.builder(portal).match(bits(slot), 0).buffer(address, length)
                .counter(counters[counter])
                .options(MeOption.OP_PUT, MeOption.EVENT_DISABLE, MeOption.EVENT_CT_COMM, MeOption.EVENT_CT_OVERFLOW);
        if (once) {
            port.doorbell(new HostMessage.MeAppend(entry.options(MeOption.USE_ONCE).build()));
        } else {
            persistent.add(port.post(new HostMessage.MeAppend(entry.build())));
        }
    }

    /** A Put of [address, address + length) to {@code peer}'s entry {@code slot}, now. */
    void put(int peer, int slot, long address, long length) {
        port.doorbell(new HostMessage.Operation(put(port.process(members.world(peer)), slot, address, length, 0)));
    }

    /** The same Put, sent by the NIC when {@code trigger} reaches {@code threshold}. */
    void triggeredPut(int peer, int slot, long address, long length, int trigger, long threshold) {
        port.doorbell(new HostMessage.Triggered(put(port.process(members.world(peer)), slot, address, length, 0),
                counters[trigger], threshold));
    }

    /** An atomic {@code op} of [address, address + length) into {@code peer}'s entry at {@code remoteOffset}, triggered. */
    void triggeredAtomic(int peer, int slot, long address, long length, long remoteOffset, AtomicOp op,
            AtomicType type, int trigger, long threshold) {
        DataCommand atomic = new DataCommand.Atomic(md, address, length, AckRequest.NO_ACK,
                port.process(members.world(peer)), portal, bits(slot), remoteOffset, 0, 0, op, type);
        port.doorbell(new HostMessage.Triggered(atomic, counters[trigger], threshold));
    }

    /** Counter {@code counter} + 1 when {@code trigger} reaches {@code threshold} (in the NIC). */
    void triggeredIncrement(int counter, int trigger, long threshold) {
        port.doorbell(new HostMessage.TriggeredCtInc(counters[counter], CtValue.ofSuccess(1), counters[trigger],
                threshold));
    }

    /** Counter {@code counter} + 1, now. */
    void increment(int counter) {
        port.doorbell(new HostMessage.CtInc(counters[counter], CtValue.ofSuccess(1)));
    }

    /** The end: one full PUT event for request {@code userPtr} once {@code trigger} reaches {@code threshold}. */
    void notifyHost(long userPtr, int trigger, long threshold) {
        MatchEntry done = MatchEntry.builder(portal).match(bits(OffloadBits.DONE), 0)
                .options(MeOption.OP_PUT, MeOption.USE_ONCE, MeOption.EVENT_LINK_DISABLE, MeOption.EVENT_UNLINK_DISABLE)
                .userPtr(userPtr).build();
        port.doorbell(new HostMessage.MeAppend(done));
        port.doorbell(new HostMessage.Triggered(put(port.process(members.world(members.rank())), OffloadBits.DONE, 0,
                0, 0), counters[trigger], threshold));
    }

    /** The collective is over at this rank: unlink its persistent entries, forget its memory. */
    void release() {
        for (long word : persistent) port.doorbell(new HostMessage.MeUnlink(new MeHandle(port.handle(word))));
        for (long[] m : memory) port.free(m[0], m[1]);
    }

    private DataCommand.Put put(org.bxiemu.nic.portals.ProcessId target, int slot, long address, long length,
            long remoteOffset) {
        return new DataCommand.Put(md, address, length, AckRequest.NO_ACK, target, portal, bits(slot), remoteOffset,
                0, 0);
    }

    private long bits(int slot) {
        return OffloadBits.of(members.context(), sequence, slot);
    }
}
