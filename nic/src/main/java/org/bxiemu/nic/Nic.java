package org.bxiemu.nic;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.fabric.LinkFaults;
import org.bxiemu.fabric.VirtualChannels;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.host.HostMessage.CommandDone;
import org.bxiemu.nic.host.HostMessage.Doorbell;
import org.bxiemu.nic.portals.AckInfo;
import org.bxiemu.nic.portals.Effect;
import org.bxiemu.nic.portals.MeAppendResult;
import org.bxiemu.nic.portals.NetworkInterface;
import org.bxiemu.nic.portals.NiFail;
import org.bxiemu.nic.portals.OperationHeader;
import org.bxiemu.nic.portals.Outgoing;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.nic.portals.Response;
import org.bxiemu.nic.portals.ResponseKind;
import org.bxiemu.nic.portals.TargetOutcome;
import org.bxiemu.nic.transport.ReliableStreams;
import org.bxiemu.protocol.fabric.Credit;
import org.bxiemu.protocol.fabric.Packet;
import org.bxiemu.protocol.nic.NicFrame;
import org.bxiemu.protocol.nic.RequestPart;
import org.bxiemu.protocol.nic.ResponsePart;
import org.bxiemu.protocol.nic.StreamAck;

/**
 * A BXI NIC. Host side: processes' Portals calls arrive as doorbells; data and events move to
 * and from host memory as DMA messages over the PCIe link. Network side: operations are split
 * into packets of at most one MTU, sent at the link rate and no closer than the message-rate
 * gap, under the fabric's credit flow control, and carried by per-peer reliable streams
 * (sequence numbers, cumulative acknowledgements, retransmission on timeout, duplicate
 * suppression), so that every message arrives exactly once even over lossy links. The Portals
 * semantics (matching, events, counters, triggered operations) are the {@link NetworkInterface}
 * of each process; this component times and moves what it decides.
 */
public final class Nic extends Component {
    public static final String NET = "net";
    public static final String HOST = "host";
    private static final byte[] EMPTY = new byte[0];

    private final int node;
    private final NicSettings settings;
    private final FabricSettings fabric;
    private final int channels;
    private final transient LinkFaults faults; // structure (a fault plan), not state: not in checkpoint images

    private final TreeMap<Integer, NetworkInterface> interfaces = new TreeMap<>();
    private ReliableStreams<NicFrame> streams;
    private Port net;
    private Port host;

    private final ArrayDeque<Outbound> tx = new ArrayDeque<>();
    private final TreeSet<Integer> acksDue = new TreeSet<>();
    /**
     * The link, busy until the packet being sent has left: {@link TxFree} only when it has work
     * (a send to complete, packets waiting).
     */
    private final Occupancy link = new Occupancy();
    private long credits;
    private long nextPacketId;
    private long nextDmaTag;
    private long timerAt = Long.MAX_VALUE;
    private final TreeMap<Long, DmaWaiter> dmaWaiting = new TreeMap<>();
    private final TreeMap<InboundKey, Inbound> inbound = new TreeMap<>();

    private Counter packetsSent;
    private Counter packetsReceived;
    private Counter corruptDropped;
    private Counter retransmitted;
    private Counter eventsDropped;
    private Histogram messageLatency;

    /** A packet waiting to leave; {@code completes} names the operation its departure completes locally. */
    private record Outbound(Packet packet, int peer, long sequence, boolean reliable, Optional<SendComplete> completes) {}

    private record SendComplete(int pid, long opId) {}

    /** What a DMA read or atomic was issued for. */
    private sealed interface DmaWaiter {}

    private record SourceRead(int pid, Outgoing outgoing) implements DmaWaiter {}

    private record EffectsPaused(int pid, List<Effect> effects, int next, byte[] payload) implements DmaWaiter {}

    /** A message being reassembled, request or response, keyed by sender and operation. */
    private record InboundKey(int source, long opId, boolean response) implements Comparable<InboundKey> {
        @Override
        public int compareTo(InboundKey o) {
            int c = Integer.compare(source, o.source);
            if (c != 0) return c;
            c = Long.compare(opId, o.opId);
            return c != 0 ? c : Boolean.compare(response, o.response);
        }
    }

    private static final class Inbound {
        int received;
        /** The message's bytes, if it carries real data (allocated on the first part that has some). */
        byte[] data = EMPTY;
        TargetOutcome outcome;
        long firstArrival;
    }

    private record Process(Doorbell doorbell) {}

    /** Self event: the link finished {@code sent}'s tail. */
    private record TxFree(Outbound sent) {}

    private record TailIn(Packet packet) {}

    private record RetransmitCheck(long at) {}

    /** Self event: the ack delay for {@code peer} ran out; acknowledge everything received so far. */
    private record AckDue(int peer) {}

    private final TreeSet<Integer> acksScheduled = new TreeSet<>();

    /** An event queue or a counter of a process: what raises interrupts. */
    private record Source(int pid, boolean counter, int handle) implements Comparable<Source> {
        @Override
        public int compareTo(Source o) {
            int c = Integer.compare(pid, o.pid);
            if (c != 0) return c;
            c = Boolean.compare(counter, o.counter);
            return c != 0 ? c : Integer.compare(handle, o.handle);
        }
    }

    private static final class Interrupts {
        final HostMessage.InterruptPolicy policy;
        /** The event kinds that interrupt (a counter's updates always do). */
        final java.util.Set<org.bxiemu.nic.portals.EventKind> kinds;
        long lastRaised = Long.MIN_VALUE;
        boolean deferred;

        Interrupts(HostMessage.InterruptPolicy policy, java.util.Set<org.bxiemu.nic.portals.EventKind> kinds) {
            this.policy = policy;
            this.kinds = kinds;
        }
    }

    /** Self event: a moderation interval ended with interrupts folded into it. */
    private record RaiseDeferred(Source source) {}

    private final TreeMap<Source, Interrupts> interrupts = new TreeMap<>();
    private Counter interruptsRaised;
    private Counter interruptsFolded;

    public Nic(int node, NicSettings settings, FabricSettings fabric, int channels) {
        this(node, settings, fabric, channels, LinkFaults.NONE);
    }

    public Nic(int node, NicSettings settings, FabricSettings fabric, int channels, LinkFaults faults) {
        this.faults = faults;
        this.node = node;
        this.settings = settings;
        this.fabric = fabric;
        this.channels = channels;
    }

    @Override
    protected void onStart() {
        net = port(NET);
        host = port(HOST);
        streams = new ReliableStreams<>(settings.retransmitTimeout());
        credits = fabric.inputBuffer();
        packetsSent = stats().counter("nic.packets.sent");
        packetsReceived = stats().counter("nic.packets.received");
        corruptDropped = stats().counter("nic.packets.corrupt-dropped");
        retransmitted = stats().counter("nic.packets.retransmitted");
        eventsDropped = stats().counter("nic.events.dropped");
        messageLatency = stats().histogram("nic.message.assembly.ps");
        interruptsRaised = stats().counter("nic.interrupts.raised");
        interruptsFolded = stats().counter("nic.interrupts.moderated");
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case Doorbell d -> onDoorbell(d);
            case Process p -> onProcess(p.doorbell());
            case HostMessage.DmaData d -> onDmaData(d);
            case Packet p -> onPacket(p);
            case TailIn t -> onTailIn(t.packet());
            case Credit c -> onCredit(c);
            case TxFree f -> onTxFree(f.sent());
            case RetransmitCheck r -> onRetransmitCheck(r);
            case AckDue a -> onAckDue(a.peer());
            case RaiseDeferred r -> onRaiseDeferred(r.source());
            default -> throw new IllegalArgumentException(id() + ": unexpected " + message.getClass().getName());
        }
    }

    // ---- host side ---------------------------------------------------------------------------

    private void onDoorbell(Doorbell d) {
        span("command", d.request().getClass().getSimpleName(), now(), now() + settings.commandLatency());
        if (settings.commandLatency() == 0) onProcess(d);
        else schedule(settings.commandLatency(), new Process(d));
    }

    private void onProcess(Doorbell d) {
        if (d.request() instanceof HostMessage.OpenInterface) {
            interfaces.put(d.pid(), new NetworkInterface(new ProcessId(node, d.pid())));
            done(d, OptionalInt.empty());
            return;
        }
        NetworkInterface ni = ni(d.pid());
        switch (d.request()) {
            case HostMessage.OpenInterface open -> throw new IllegalStateException("handled above");
            case HostMessage.EqAlloc a -> done(d, OptionalInt.of(ni.eqAlloc(a.capacity()).value()));
            case HostMessage.CtAlloc a -> done(d, OptionalInt.of(ni.ctAlloc().value()));
            case HostMessage.PtAlloc a -> done(d, OptionalInt.of(ni.ptAlloc(a.index(), a.eq(), a.options())));
            case HostMessage.MdBind b -> done(d, OptionalInt.of(ni.mdBind(b.md()).value()));
            case HostMessage.MeAppend a -> {
                MeAppendResult result = ni.meAppend(a.spec());
                done(d, OptionalInt.of(result.handle().value()));
                runEffects(d.pid(), result.effects(), 0, EMPTY);
            }
            case HostMessage.MeUnlink u -> {
                // PtlMEUnlink's outcome: 1 if the entry was unlinked, 0 if it had already been
                // consumed (a USE_ONCE entry that matched) or unlinked
                done(d, OptionalInt.of(ni.meUnlink(u.me()) ? 1 : 0));
            }
            case HostMessage.Operation op -> {
                Outgoing out = ni.initiate(op.command());
                done(d, OptionalInt.empty());
                startOperation(d.pid(), out);
            }
            case HostMessage.Triggered t -> {
                List<Effect> effects = ni.triggered(t.command(), t.trigger(), t.threshold());
                done(d, OptionalInt.empty());
                runEffects(d.pid(), effects, 0, EMPTY);
            }
            case HostMessage.TriggeredCtInc t -> {
                List<Effect> effects = ni.triggeredCtInc(t.ct(), t.increment(), t.trigger(), t.threshold());
                done(d, OptionalInt.empty());
                runEffects(d.pid(), effects, 0, EMPTY);
            }
            case HostMessage.CtInc inc -> {
                List<Effect> effects = ni.ctInc(inc.ct(), inc.increment());
                done(d, OptionalInt.empty());
                runEffects(d.pid(), effects, 0, EMPTY);
            }
            case HostMessage.EqConsumed c -> ni.eqConsumed(c.eq(), c.count());
            case HostMessage.EqInterrupts p -> {
                setPolicy(new Source(d.pid(), false, p.eq().value()), p.policy(), p.kinds());
                done(d, OptionalInt.empty());
            }
            case HostMessage.CtInterrupts p -> {
                setPolicy(new Source(d.pid(), true, p.ct().value()), p.policy(),
                        java.util.EnumSet.allOf(org.bxiemu.nic.portals.EventKind.class));
                done(d, OptionalInt.empty());
            }
        }
    }

    private NetworkInterface ni(int pid) {
        NetworkInterface ni = interfaces.get(pid);
        if (ni == null) throw new IllegalStateException(id() + ": process " + pid + " has no network interface open");
        return ni;
    }

    private void done(Doorbell d, OptionalInt handle) {
        if (d.tag().isPresent()) send(host, new CommandDone(d.pid(), d.tag().getAsLong(), handle));
    }

    private long dma(DmaWaiter waiter) {
        long tag = nextDmaTag++;
        dmaWaiting.put(tag, waiter);
        return tag;
    }

    private void onDmaData(HostMessage.DmaData data) {
        DmaWaiter waiter = dmaWaiting.remove(data.tag());
        if (waiter == null) throw new IllegalStateException(id() + ": DMA data for unknown tag " + data.tag());
        switch (waiter) {
            case SourceRead r -> sendRequest(r.pid(), r.outgoing(), data.carriesData() ? data.data() : EMPTY);
            case EffectsPaused p -> resumeEffects(p, data.carriesData() ? data.data() : EMPTY);
        }
    }

    // ---- operations --------------------------------------------------------------------------

    /** An operation to send: fetch its source data from host memory first, if it has any. */
    private void startOperation(int pid, Outgoing out) {
        if (out.sourceLength() > 0) {
            send(host, new HostMessage.DmaRead(dma(new SourceRead(pid, out)), out.sourceAddress(), out.sourceLength()));
        } else {
            sendRequest(pid, out, EMPTY);
        }
    }

    private void sendRequest(int pid, Outgoing out, byte[] data) {
        OperationHeader h = out.header();
        int peer = h.target().node();
        long length = out.sourceLength();
        boolean real = data.length == length;
        int parts = parts(length);
        var wireHeader = Headers.toWire(h);
        for (int i = 0; i < parts; i++) {
            long from = Math.min(length, (long) i * settings.mtu());
            long to = Math.min(length, from + settings.mtu());
            RequestPart.Builder part = RequestPart.newBuilder().setHeader(wireHeader).setIndex(i).setCount(parts)
                    .setOffset(from).setLength(to - from);
            if (real) part.setData(ByteString.copyFrom(data, (int) from, (int) (to - from)));
            Optional<SendComplete> completes = i == parts - 1
                    ? Optional.of(new SendComplete(pid, h.opId())) : Optional.empty();
            enqueueReliable(peer, NicFrame.newBuilder().setRequest(part).build(), to - from, completes);
        }
    }

    private void sendResponse(Response response, byte[] replyData) {
        int peer = response.destination().node();
        long length = response.kind() == ResponseKind.REPLY ? response.info().mlength() : 0;
        boolean real = replyData.length >= length;
        int parts = parts(length);
        for (int i = 0; i < parts; i++) {
            long from = Math.min(length, (long) i * settings.mtu());
            long to = Math.min(length, from + settings.mtu());
            ResponsePart.Builder part = ResponsePart.newBuilder().setOpId(response.opId())
                    .setKind(response.kind().ordinal()).setNiFail(response.info().niFail().ordinal())
                    .setMlength(response.info().mlength()).setRemoteOffset(response.info().remoteOffset())
                    .setPid(response.destination().pid()).setIndex(i).setCount(parts).setOffset(from)
                    .setLength(to - from);
            if (real) part.setData(ByteString.copyFrom(replyData, (int) from, (int) (to - from)));
            enqueueReliable(peer, NicFrame.newBuilder().setResponse(part).build(), to - from, Optional.empty());
        }
    }

    private int parts(long bytes) {
        return (int) Math.max(1, (bytes + settings.mtu() - 1) / settings.mtu());
    }

    // ---- transmission ------------------------------------------------------------------------

    private void enqueueReliable(int peer, NicFrame frame, long payload, Optional<SendComplete> completes) {
        long sequence = streams.send(peer, frame);
        tx.addLast(new Outbound(packet(peer, frame.toBuilder().setSequence(sequence).build(), payload), peer, sequence,
                true, completes));
        pump();
    }

    private Packet packet(int peer, NicFrame frame, long payload) {
        return Packet.newBuilder().setSource(node).setDestination(peer).setId(nextPacketId++)
                .setSize((int) (payload + settings.packetHeader())).setFrame(frame).build();
    }

    /** Starts the next packet if the link is free and the switch has room: stream acks go first. */
    private void pump() {
        if (link.busy()) {
            if (!link.wakeScheduled() && (!acksDue.isEmpty() || !tx.isEmpty())) link.wakeWhenFree(new TxFree(null));
            return;
        }
        Outbound next;
        if (!acksDue.isEmpty()) {
            int peer = acksDue.first();
            NicFrame ack = NicFrame.newBuilder()
                    .setStreamAck(StreamAck.newBuilder().setCumulative(streams.cumulativeAck(peer))).build();
            next = new Outbound(packet(peer, ack, 0), peer, 0, false, Optional.empty());
            if (credits < next.packet().getSize()) return;
            acksDue.pollFirst();
        } else {
            next = tx.peekFirst();
            if (next == null || credits < next.packet().getSize()) return;
            tx.pollFirst();
        }
        long serialisation = fabric.linkBandwidth().serialisation(next.packet().getSize());
        packetsSent.increment();
        span("packet-tx", "packet", now(), now() + serialisation);
        Packet.Builder leaving = next.packet().toBuilder().setInjectedAt(now()).setTailAfter(serialisation);
        switch (faults.fate(id(), net.index(), now(), rng())) {
            case LOSE -> { } // lost on the cable: no credit spent downstream, the streams resend it
            case CORRUPT -> {
                credits -= next.packet().getSize();
                send(net, leaving.setCorrupted(true).build(), faults.extraDelay(net.index(), now(), rng()));
            }
            case DELIVER -> {
                credits -= next.packet().getSize();
                send(net, leaving.build(), faults.extraDelay(net.index(), now(), rng()));
            }
        }
        if (next.reliable()) {
            streams.transmitted(next.peer(), next.sequence(), now());
            armRetransmitCheck();
        }
        link.occupyUntil(now() + Math.max(1, Math.max(serialisation, settings.packetGap())));
        // needed for a send to complete, or for packets already waiting behind this one
        if (next.completes().isPresent() || !acksDue.isEmpty() || !tx.isEmpty()) link.wakeWhenFree(new TxFree(next));
    }

    private void onTxFree(Outbound sent) {
        link.woken();
        if (sent != null && sent.completes().isPresent()) {
            SendComplete c = sent.completes().get();
            runEffects(c.pid(), ni(c.pid()).onSendComplete(c.opId()), 0, EMPTY);
        }
        pump();
    }

    private void onCredit(Credit credit) {
        credits += credit.getBytes(); // injection uses channel 0 only
        pump();
    }

    private void armRetransmitCheck() {
        long deadline = streams.nextDeadline();
        if (deadline < timerAt) {
            timerAt = deadline;
            schedule(Math.max(1, deadline - now()), new RetransmitCheck(deadline));
        }
    }

    private void onRetransmitCheck(RetransmitCheck check) {
        if (check.at() != timerAt) return; // superseded by an earlier check
        timerAt = Long.MAX_VALUE;
        for (ReliableStreams.Unacked<NicFrame> u : streams.expired(now())) {
            retransmitted.increment();
            NicFrame frame = u.frame().toBuilder().setSequence(u.sequence()).build();
            tx.addLast(new Outbound(packet(u.peer(), frame, payloadOf(frame)), u.peer(), u.sequence(), true,
                    Optional.empty()));
        }
        armRetransmitCheck();
        pump();
    }

    private static long payloadOf(NicFrame frame) {
        return switch (frame.getContentCase()) {
            case REQUEST -> frame.getRequest().getLength();
            case RESPONSE -> frame.getResponse().getLength();
            default -> 0;
        };
    }

    // ---- reception ---------------------------------------------------------------------------

    private void onPacket(Packet packet) {
        span("packet-rx", "packet", now(), now() + packet.getTailAfter());
        // consumed at line rate: the receive buffer is free once the tail is in
        Credit credit = Credit.newBuilder().setBytes(packet.getSize())
                .setVc(VirtualChannels.of(packet.getHops(), channels)).build();
        send(net, credit, packet.getTailAfter());
        if (packet.getTailAfter() > 0) schedule(packet.getTailAfter(), new TailIn(packet));
        else onTailIn(packet);
    }

    private void onTailIn(Packet packet) {
        packetsReceived.increment();
        if (packet.getCorrupted()) {
            corruptDropped.increment(); // CRC error: the sender will retransmit
            return;
        }
        int peer = packet.getSource();
        NicFrame frame = packet.getFrame();
        if (frame.getContentCase() == NicFrame.ContentCase.STREAM_ACK) {
            streams.acknowledge(peer, frame.getStreamAck().getCumulative());
            return;
        }
        List<ReliableStreams.Delivered<NicFrame>> released = streams.receive(peer, frame.getSequence(), frame);
        scheduleAck(peer); // also for duplicates: the sender must stop resending
        for (ReliableStreams.Delivered<NicFrame> d : released) onFrame(peer, d.frame());
        pump();
    }

    /** One cumulative acknowledgement per peer per ack delay covers a whole burst. */
    private void scheduleAck(int peer) {
        if (settings.ackDelay() == 0) {
            acksDue.add(peer);
        } else if (acksScheduled.add(peer)) {
            schedule(settings.ackDelay(), new AckDue(peer));
        }
    }

    private void onAckDue(int peer) {
        acksScheduled.remove(peer);
        acksDue.add(peer);
        pump();
    }

    private void onFrame(int peer, NicFrame frame) {
        switch (frame.getContentCase()) {
            case REQUEST -> onRequestPart(peer, frame.getRequest());
            case RESPONSE -> onResponsePart(peer, frame.getResponse());
            default -> throw new IllegalStateException(id() + ": unexpected frame " + frame.getContentCase());
        }
    }

    private void onRequestPart(int peer, RequestPart part) {
        var wire = part.getHeader();
        InboundKey key = new InboundKey(peer, wire.getOpId(), false);
        Inbound in = inbound.computeIfAbsent(key, k -> new Inbound());
        if (in.received == 0) {
            in.firstArrival = now();
            NetworkInterface ni = interfaces.get(wire.getTargetPid());
            // matching happens when the first packet lands, as on the real NIC; the header is
            // decoded for it once per message, not once per packet
            in.outcome = ni == null ? null : ni.deliver(Headers.fromWire(wire), part.getCount() > 1);
        }
        if (!part.getData().isEmpty()) {
            if (in.data.length == 0) in.data = new byte[(int) wire.getLength()];
            part.getData().copyTo(in.data, (int) part.getOffset());
        }
        if (++in.received < part.getCount()) return;
        inbound.remove(key);
        messageLatency.record(now() - in.firstArrival);
        if (in.outcome == null) return; // no such process: nothing to match, nothing to answer
        runEffects(wire.getTargetPid(), in.outcome.effects(), 0, in.data);
        NetworkInterface target = interfaces.get(wire.getTargetPid());
        if (part.getCount() > 1 && target != null) {
            // claims of it that came while its data was still arriving report it now
            runEffects(wire.getTargetPid(), target.landed(in.outcome.header()), 0, EMPTY);
        }
    }

    private void onResponsePart(int peer, ResponsePart part) {
        InboundKey key = new InboundKey(peer, part.getOpId(), true);
        Inbound in = inbound.computeIfAbsent(key, k -> new Inbound());
        if (!part.getData().isEmpty()) {
            if (in.data.length == 0) in.data = new byte[(int) part.getMlength()];
            part.getData().copyTo(in.data, (int) part.getOffset());
        }
        if (++in.received < part.getCount()) return;
        inbound.remove(key);
        NetworkInterface ni = ni(part.getPid());
        AckInfo info = new AckInfo(NiFail.values()[part.getNiFail()], part.getMlength(), part.getRemoteOffset());
        List<Effect> effects = ResponseKind.values()[part.getKind()] == ResponseKind.ACK
                ? ni.onAck(part.getOpId(), info)
                : ni.onReply(part.getOpId(), info);
        runEffects(part.getPid(), effects, 0, in.data);
    }

    // ---- effects -----------------------------------------------------------------------------

    /**
     * Carries out the library's effects in order. A fetch or an atomic reads host memory: the
     * rest waits for the DMA answer, whose bytes become the reply's data.
     */
    private void runEffects(int pid, List<Effect> effects, int from, byte[] payload) {
        runEffects(pid, effects, from, payload, EMPTY);
    }

    private void resumeEffects(EffectsPaused p, byte[] fetched) {
        runEffects(p.pid(), p.effects(), p.next(), p.payload(), fetched);
    }

    private void runEffects(int pid, List<Effect> effects, int from, byte[] payload, byte[] replyData) {
        for (int i = from; i < effects.size(); i++) {
            switch (effects.get(i)) {
                case Effect.Deposit d -> send(host, new HostMessage.DmaWrite(d.address(), d.length(),
                        payload.length >= d.length() ? Arrays.copyOf(payload, (int) d.length()) : EMPTY));
                case Effect.Fetch f -> {
                    long tag = dma(new EffectsPaused(pid, effects, i + 1, payload));
                    send(host, new HostMessage.DmaRead(tag, f.address(), f.length()));
                    return;
                }
                case Effect.AtomicUpdate a -> {
                    long tag = dma(new EffectsPaused(pid, effects, i + 1, payload));
                    send(host, new HostMessage.DmaAtomic(tag, a.address(), a.op(), a.type(),
                            Arrays.copyOf(payload, (int) a.length()), a.operand()));
                    return;
                }
                case Effect.PostEvent e -> {
                    send(host, new HostMessage.EventWrite(pid, e.eq(), e.sequence(), e.droppedBefore(), e.event()));
                    Interrupts eqPolicy = interrupts.get(new Source(pid, false, e.eq().value()));
                    if (eqPolicy != null && eqPolicy.kinds.contains(e.event().kind())) {
                        signal(new Source(pid, false, e.eq().value()));
                    }
                }
                case Effect.EventDropped e -> eventsDropped.increment();
                case Effect.CounterUpdate c -> {
                    send(host, new HostMessage.CounterWrite(pid, c.ct(), c.value()));
                    signal(new Source(pid, true, c.ct().value()));
                }
                case Effect.Send s -> startOperation(pid, s.outgoing());
                case Effect.Respond r -> sendResponse(r.response(), replyData);
            }
        }
    }

    // ---- interrupts --------------------------------------------------------------------------

    private void setPolicy(Source source, HostMessage.InterruptPolicy policy,
            java.util.Set<org.bxiemu.nic.portals.EventKind> kinds) {
        if (policy.moderation() < 0) throw new IllegalArgumentException(id() + ": negative interrupt moderation");
        if (policy instanceof HostMessage.NoInterrupt) interrupts.remove(source);
        else interrupts.put(source, new Interrupts(policy, kinds));
    }

    /** An event or counter write happened: interrupt now, or fold it into the end of the moderation interval. */
    private void signal(Source source) {
        Interrupts state = interrupts.get(source);
        if (state == null) return;
        long moderation = state.policy.moderation();
        if (state.lastRaised == Long.MIN_VALUE || now() - state.lastRaised >= moderation) {
            raise(source, state);
        } else if (!state.deferred) {
            state.deferred = true;
            interruptsFolded.increment();
            schedule(Math.max(1, state.lastRaised + moderation - now()), new RaiseDeferred(source));
        } else {
            interruptsFolded.increment();
        }
    }

    private void onRaiseDeferred(Source source) {
        Interrupts state = interrupts.get(source);
        if (state == null || !state.deferred) return;
        state.deferred = false;
        raise(source, state);
    }

    private void raise(Source source, Interrupts state) {
        state.lastRaised = now();
        interruptsRaised.increment();
        span("interrupt", state.policy instanceof HostMessage.Msi ? "msi" : "user-vector", now(), now());
        switch (state.policy) {
            case HostMessage.Msi msi -> send(host, org.bxiemu.protocol.nic.MsiInterrupt.newBuilder()
                    .setCore(msi.core()).setVector(msi.vector()).setSourcePid(source.pid())
                    .setSourceHandle(source.handle()).build());
            case HostMessage.UserVector uv -> send(host, org.bxiemu.protocol.nic.UserInterruptPost.newBuilder()
                    .setUpidAddress(uv.upidAddress()).setUserVector(uv.userVector()).setSourcePid(source.pid())
                    .setSourceHandle(source.handle()).build());
            case HostMessage.NoInterrupt none -> throw new IllegalStateException("no policy is never stored");
        }
    }
}
