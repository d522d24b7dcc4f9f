package org.bxiemu.mpi.runtime.offload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.collective.CollectiveArgs;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.CtHandle;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.ListKind;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeOption;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.NiLimits;
import org.bxiemu.nic.portals.PtOption;

/**
 * One rank's offloaded collectives: barrier, bcast and allreduce (up to
 * {@code mpi.offload.allreduce-limit}) run as triggered chains on the NIC; everything else is left
 * to the host schedules. The rank's collective portal has an overflow entry that keeps early
 * zero-byte signals until their entry is posted, and a memory descriptor without events, so the
 * chains' traffic never adds work to the host's event queue; only each collective's end does,
 * with one event.
 */
public final class OffloadedCollectives {
    /** The collective portal (0 carries messages, 1 rendezvous data). */
    public static final int PORTAL = 2;

    private final RankPort port;
    private MdHandle md;
    /** Per communicator context, the next collective's sequence. */
    private final TreeMap<Integer, Integer> sequences = new TreeMap<>();
    private final List<OffloadedRequest> active = new ArrayList<>();
    /**
     * Completion words of counter allocations posted ahead: each collective takes the counters it
     * needs and posts as many allocations for the next one, so only the first waits for the NIC.
     */
    private final ArrayDeque<Long> countersAhead = new ArrayDeque<>();

    public OffloadedCollectives(RankPort port) {
        this.port = port;
    }

    /** At MPI_Init: the collective portal (events into {@code eq}), its overflow entry, the chains' descriptor. */
    public void start(EqHandle eq) {
        port.handle(port.post(new HostMessage.PtAlloc(PORTAL, eq, EnumSet.noneOf(PtOption.class))));
        md = new MdHandle(port.handle(port.post(new HostMessage.MdBind(MemoryDescriptor.of(0, Long.MAX_VALUE / 2)))));
        port.doorbell(new HostMessage.MeAppend(MatchEntry.builder(PORTAL).list(ListKind.OVERFLOW).match(0, ~0L)
                .options(MeOption.OP_PUT, MeOption.EVENT_DISABLE).build()));
    }

    /** Starts {@code args} on the NIC, or returns null when it is not offloaded (the host runs it). */
    public Request start(Members members, CollectiveArgs args) {
        TriggeredAlgorithm algorithm = algorithm(members, args);
        if (algorithm == null) return null;
        int sequence = sequences.merge(members.context(), 1, Integer::sum) - 1;
        int needed = algorithm.counters();
        while (countersAhead.size() < needed) countersAhead.add(port.post(new HostMessage.CtAlloc()));
        CtHandle[] counters = new CtHandle[needed];
        for (int i = 0; i < needed; i++) counters[i] = new CtHandle(port.handle(countersAhead.poll()));
        Chain chain = new Chain(port, members, sequence, PORTAL, md, counters);
        TriggeredAlgorithm.End end = algorithm.post(chain);
        Request notice = port.eventRequest();
        chain.notifyHost(port.requestId(notice), end.counter(), end.threshold());
        List<Integer> peers = new ArrayList<>();
        for (int peer : algorithm.peers(members)) peers.add(members.world(peer));
        OffloadedRequest o = new OffloadedRequest(args.collective().name().toLowerCase(Locale.ROOT), members.rank(),
                peers, algorithm, chain, notice);
        active.add(o);
        for (int i = 0; i < needed; i++) countersAhead.add(port.post(new HostMessage.CtAlloc()));
        return o;
    }

    /** In every progress call: collectives whose end has been notified hand their results over. */
    public void progress() {
        if (active.isEmpty()) return;
        for (OffloadedRequest o : List.copyOf(active)) {
            if (!o.notice.done()) continue;
            o.algorithm.finish(o.chain);
            o.chain.release();
            port.forget(o.notice);
            active.remove(o);
            o.done = true;
        }
    }

    private TriggeredAlgorithm algorithm(Members members, CollectiveArgs args) {
        return switch (args.collective()) {
            case BARRIER -> new TriggeredBarrier(members.size());
            case BCAST -> new TriggeredBcast(args.send(), args.root());
            case ALLREDUCE -> {
                long bytes = args.send().bytes();
                if (bytes == 0 || bytes > port.settings().offloadAllreduceLimit()) yield null;
                long element = args.send().datatype().bytes();
                yield new TriggeredAllreduce(args.send(), args.recv(), args.op(),
                        NiLimits.DEFAULT.maxAtomicSize() / element * element);
            }
            default -> null;
        };
    }
}
