package org.bxiemu.nic.bench;

import java.util.EnumSet;
import java.util.List;
import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.nic.Nic;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.host.HostMessage.Doorbell;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.nic.portals.EventKind;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeOption;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.nic.portals.PtOption;

/**
 * One of the two hosts of {@code bench portals}, driving its NIC through Portals calls as the OSU
 * micro-benchmarks drive MPI: the leader runs, per size, a Put ping-pong (latency = half the
 * round trip) then, per size, windows of back-to-back Puts acknowledged at the end by one small
 * Put from the follower (bandwidth, and message rate for small Puts). Memory is modelled: sizes,
 * not bytes. Results are statistics of the leader ({@code portals.latency.ps.<size>}, ...).
 */
public final class PortalsBenchHost extends Component {
    /** Counter set to 1 on the leading host, whose statistics hold the results. */
    public static final String LEADER_MARK = "portals.leader";
    private static final int PT = 0;
    private static final long PING = 1;
    private static final long PONG = 2;
    private static final long STREAM = 3;
    private static final long DONE = 4;
    private static final long ACK_SIZE = 8;

    private final boolean leader;
    private final int peerNode;
    private final PortalsBenchParameters parameters;
    private final List<Long> sizes;
    private Port nic;
    private long tag;

    // leader's progress
    private enum Test { LATENCY, BANDWIDTH, RATE, FINISHED }

    private Test test = Test.LATENCY;
    private int sizeIndex;
    private int count;
    private int sendsPending;
    private int windowsSent;
    private long startedAt;
    // follower's progress
    private long streamed;

    public PortalsBenchHost(boolean leader, int peerNode, PortalsBenchParameters parameters) {
        this.leader = leader;
        this.peerNode = peerNode;
        this.parameters = parameters;
        this.sizes = parameters.sizes();
    }

    @Override
    protected void onStart() {
        nic = port(Nic.HOST);
        long bufferSize = Math.max(parameters.maxSize(), parameters.rateSize()) * parameters.window() + ACK_SIZE;
        ring(new HostMessage.OpenInterface());
        ring(new HostMessage.EqAlloc(1 << 17));
        ring(new HostMessage.PtAlloc(PT, new EqHandle(0), EnumSet.noneOf(PtOption.class)));
        ring(new HostMessage.MeAppend(MatchEntry.builder(PT).match(0, 0).buffer(0, bufferSize)
                .options(MeOption.OP_PUT).build()));
        ring(new HostMessage.MdBind(MemoryDescriptor.of(0, bufferSize).withEq(new EqHandle(0))));
        stats().counter(LEADER_MARK).add(leader ? 1 : 0);
    }

    @Override
    protected void onEvent(Port port, Object message) {
        switch (message) {
            case HostMessage.CommandDone done -> onCommandDone(done);
            case HostMessage.EventWrite write -> onNicEvent(write.event());
            case HostMessage.DmaRead read -> send(nic, new HostMessage.DmaData(read.tag(), read.length(), new byte[0]));
            case HostMessage.DmaWrite write -> { } // modelled memory: nothing to store
            case HostMessage.CounterWrite write -> { }
            default -> throw new IllegalArgumentException(id() + ": unexpected " + message.getClass().getSimpleName());
        }
    }

    private void ring(HostMessage.HostRequest request) {
        send(nic, new Doorbell(0, tag++, request));
    }

    private void put(long size, long kind, long detail) {
        ring(new HostMessage.Operation(new DataCommand.Put(new MdHandle(0), 0, size, AckRequest.NO_ACK,
                new ProcessId(peerNode, 0), PT, 0, 0, 0, kind << 48 | detail)));
    }

    /** The set-up's last command (the MD) is done: the leader starts. */
    private void onCommandDone(HostMessage.CommandDone done) {
        if (leader && done.tag() == 4) startLatency();
    }

    private void onNicEvent(Event event) {
        if (event.kind() == EventKind.SEND && leader) onSendDone();
        if (event.kind() != EventKind.PUT) return;
        long kind = event.hdrData() >>> 48;
        long detail = event.hdrData() & ((1L << 48) - 1);
        if (leader) onLeaderPut(kind);
        else onFollowerPut(kind, detail, event.rlength());
    }

    // ---- follower: echo pings, acknowledge streams -------------------------------------------

    private void onFollowerPut(long kind, long expected, long size) {
        if (kind == PING) {
            put(size, PONG, 0);
        } else if (kind == STREAM && ++streamed == expected) {
            streamed = 0;
            put(ACK_SIZE, DONE, 0);
        }
    }

    // ---- leader ------------------------------------------------------------------------------

    private void startLatency() {
        count = 0;
        startedAt = now();
        put(sizes.get(sizeIndex), PING, 0);
    }

    private void onLeaderPut(long kind) {
        if (kind == PONG && test == Test.LATENCY) {
            if (++count < parameters.iterations()) {
                put(sizes.get(sizeIndex), PING, 0);
                return;
            }
            long size = sizes.get(sizeIndex);
            stats().counter("portals.latency.ps." + size).add((now() - startedAt) / (2L * parameters.iterations()));
            if (++sizeIndex < sizes.size()) {
                startLatency();
            } else {
                test = Test.BANDWIDTH;
                sizeIndex = 0;
                startStream();
            }
        } else if (kind == DONE && (test == Test.BANDWIDTH || test == Test.RATE)) {
            long elapsed = now() - startedAt;
            long messages = (long) parameters.windowFor(streamSize()) * parameters.iterationsFor(streamSize());
            if (test == Test.BANDWIDTH) {
                long size = streamSize();
                stats().counter("portals.bandwidth.bytes-per-s." + size).add(perSecond(size * messages, elapsed));
                if (++sizeIndex < sizes.size()) {
                    startStream();
                    return;
                }
                test = Test.RATE;
                startStream();
            } else {
                stats().counter("portals.message-rate.per-s").add(perSecond(messages, elapsed));
                test = Test.FINISHED;
            }
        }
    }

    private long streamSize() {
        return test == Test.RATE ? parameters.rateSize() : sizes.get(sizeIndex);
    }

    private void startStream() {
        startedAt = now();
        windowsSent = 0;
        sendWindow();
    }

    private void sendWindow() {
        int window = parameters.windowFor(streamSize());
        long expected = (long) window * parameters.iterationsFor(streamSize());
        sendsPending = window;
        windowsSent++;
        for (int i = 0; i < window; i++) put(streamSize(), STREAM, expected);
    }

    /** osu_bw waits for its window's sends to complete locally before the next window. */
    private void onSendDone() {
        if (test != Test.BANDWIDTH && test != Test.RATE) return;
        if (--sendsPending == 0 && windowsSent < parameters.iterationsFor(streamSize())) sendWindow();
    }

    private static long perSecond(long amount, long picoseconds) {
        return picoseconds == 0 ? 0 : Math.round(amount * 1e12 / picoseconds);
    }
}
