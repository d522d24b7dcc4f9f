package org.bxiemu.mpi.runtime.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.TreeMap;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.MpiException;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.user.Step;

/**
 * Point to point between ranks of one node through shared node memory, bypassing the NIC.
 *
 * <p>Queues. Each (sender, receiver) pair of the node's ranks — a rank and itself included — has a
 * queue in node memory: a ring of {@code mpi.shm-slots} cells, a tail word the sender stores the
 * count of published cells to, and a head word the receiver stores the count of cells it took.
 * Only the sender writes the tail and only the receiver the head, so no lock is needed; a sender
 * whose ring is full holds messages back (in order) until the head moves. A cell is a 64-byte
 * header (kind, communicator context, source, tag, size, and for a single-copy message the
 * sender's buffer and send id), followed for small messages by the data.
 *
 * <p>Copies. A message of at most {@code mpi.shm-slot-size} is copied twice: into its cell by the
 * sender (which then completes: the message is buffered) and out by the receiver, straight into a
 * posted receive, or into a private buffer when unexpected (one more copy when its receive comes,
 * as the NIC path copies out of its overflow buffers). A larger message is copied once: the cell
 * carries only the header, the receiver copies the data out of the sender's buffer when it matches
 * and publishes an acknowledgement cell back, on which the sender completes. This is the single-copy
 * scheme that Linux's cross-memory attach (process_vm_readv) and XPMEM give between processes;
 * here the ranks are threads of one process, which can read each other's buffers anyway.
 * Assumption: the threshold and the choice of single copy above it, not a measured NewMadeleine
 * setting.
 *
 * <p>Receiving. The receiver takes cells in queue order (per-sender order is the queue's) and
 * matches each against its posted receives in posting order; unmatched ones join the unexpected
 * list, which a newly posted receive searches first. Each progress call reads every incoming
 * tail word in one round of loads (the loads issued together, one round trip) and drains the
 * queues that moved.
 *
 * <p>Receives that may match through either transport (ANY_SOURCE on a communicator with ranks on
 * this node and on others) are posted on the NIC too. When a cell matches such a receive first, the
 * receive is unlinked from the NIC ({@code PtlMEUnlink}) and the cell held until the unlink's outcome
 * is known: unlinked, the cell completes the receive; already consumed (the NIC matched a message
 * meanwhile, its event still to come), the cell goes back through matching as if it had just
 * arrived. While an unlink is pending no further cell is taken from any queue, so no later message
 * of that sender can overtake it. A receive the NIC matches first leaves the shared-memory list when
 * its event comes.
 */
public final class SharedMemoryTransport {
    /** Node memory of the queues (far above the ranks' own areas, below the NIC's words). */
    private static final long BASE = 1L << 56;
    private static final int MAX_LOCAL = 256;
    static final int HEADER = 64;
    private static final byte EAGER = 1;
    private static final byte SINGLE_COPY = 2;
    private static final byte ACK = 3;

    /** What the transport needs of the rank's library. */
    public interface Host {
        /** The fiber running the calling code (main program, handler, progress thread). */
        Fiber.Context context();

        /** Library work on the rank's core. */
        void library(Cost cost);

        /** Fails the job (MPI_ERR_TRUNCATE) if a message of {@code bytes} does not fit {@code receive}. */
        void checkFits(Object receive, long bytes, int source, int tag);

        /** {@code receive} got a message: its source (communicator rank), tag, size and bytes (empty: modelled). */
        void received(Object receive, int source, int tag, long bytes, byte[] data);

        /** {@code send} completed (buffered in its cell, or copied out by the receiver). */
        void sent(Object send);

        /**
         * Unlinks {@code receive}'s NIC entry; returns the command's completion word (2: unlinked,
         * 1: the NIC had already matched it).
         */
        long unlink(Object receive);

        void count(String name, long amount);

        /** The eventfd the rank sleeps in when it waits (the eventfd engine's), or -1. */
        int eventfd();
    }

    private record Receive(Object token, int context, int source, int tag, boolean alsoNic) {}

    private static final class Message {
        byte kind;
        int context;
        int source;
        int tag;
        long bytes;
        long buffer;
        long sendId;
        int from;
        byte[] data = new byte[0];
        /** Copied to a private buffer while unexpected: its receive copies once more. */
        boolean buffered;
    }

    private record Outgoing(byte kind, int context, int source, int tag, long bytes, byte[] data, long buffer,
            long sendId, Object token) {}

    private static final class OutQueue {
        final int to;
        long tail;
        long head;
        final ArrayDeque<Outgoing> held = new ArrayDeque<>();

        OutQueue(int to) {
            this.to = to;
        }
    }

    private static final class InQueue {
        final int from;
        long taken;

        InQueue(int from) {
            this.from = from;
        }
    }

    private record Claim(Receive receive, Message message, long unlinkWord) {}

    private final ShmSettings settings;
    private final Job job;
    private final int rank;
    private final int node;
    private final int local;
    private final Host host;
    private final Bandwidth copyBandwidth;
    private final Cost handling;
    private final ShmNotifier notifier;
    private final OutQueue[] outgoing;
    private final InQueue[] incoming;
    private final long cellStride;
    private final List<Receive> posted = new LinkedList<>();
    private final List<Message> unexpected = new LinkedList<>();
    private final TreeMap<Long, Object> awaitingAck = new TreeMap<>();
    private long nextSendId = 1;
    private Claim claim;

    private SharedMemoryTransport(ShmSettings settings, Job job, int rank, int vector, Cost handling,
            Bandwidth copyBandwidth, Host host) {
        this.settings = settings;
        this.job = job;
        this.rank = rank;
        this.node = job.nodeOf(rank);
        this.local = job.coreOf(rank);
        this.host = host;
        this.handling = handling;
        this.copyBandwidth = copyBandwidth;
        int ranks = job.ranksPerNode();
        if (ranks > MAX_LOCAL) {
            throw new MpiException("mpi.shm: at most " + MAX_LOCAL + " ranks per node share memory (job has " + ranks + ")");
        }
        this.outgoing = new OutQueue[ranks];
        this.incoming = new InQueue[ranks];
        for (int p = 0; p < ranks; p++) {
            outgoing[p] = new OutQueue(p);
            incoming[p] = new InQueue(p);
        }
        this.cellStride = HEADER + ((settings.slotSize() + 63) & ~63L);
        this.notifier = ShmNotifier.of(settings.notification(), this, vector);
    }

    /**
     * The transport of rank {@code rank}, or null when it has nothing to do: {@code mpi.shm = off},
     * or one rank per node.
     */
    public static SharedMemoryTransport create(ShmSettings settings, Job job, int rank, int vector, Cost handling,
            Bandwidth copyBandwidth, Host host) {
        if (!settings.enabled() || job.ranksPerNode() < 2) return null;
        return new SharedMemoryTransport(settings, job, rank, vector, handling, copyBandwidth, host);
    }

    // ---- layout ------------------------------------------------------------------------------------

    static long directoryWord(int local) {
        return BASE + 8L * local;
    }

    /** Publishes {@code value} (non-negative) in this rank's directory word, for the node's other ranks. */
    void publishInDirectory(long value) {
        host.context().run(new Step.Store(directoryWord(local), value + 1));
    }

    /** After the fence: what each other rank of the node published ({@link #publishInDirectory}), by local index. */
    int[] readDirectory() {
        int[] values = new int[localRanks()];
        for (int p = 0; p < values.length; p++) {
            if (p == local) continue;
            values[p] = (int) host.context().run(new Step.WaitWord(directoryWord(p), v -> v != 0)).value() - 1;
        }
        return values;
    }

    /**
     * Raised while rank {@code local} sleeps in its eventfd ({@link EventfdNotifier}) or spins in
     * a wait ({@link UintrNotifier}).
     */
    static long sleepWord(int local) {
        return BASE + 8L * (MAX_LOCAL + local);
    }


    private static long queue(int from, int to) {
        return BASE + ((1L + (long) from * MAX_LOCAL + to) << 36);
    }

    private static long tailWord(int from, int to) {
        return queue(from, to);
    }

    private static long headWord(int from, int to) {
        return queue(from, to) + 8;
    }

    private long cell(int from, int to, long sequence) {
        return queue(from, to) + 64 + (sequence % settings.slots()) * cellStride;
    }

    int localRanks() {
        return outgoing.length;
    }

    int local() {
        return local;
    }

    int rank() {
        return rank;
    }

    Host host() {
        return host;
    }

    // ---- set-up --------------------------------------------------------------------------------------

    /** At MPI_Init, before the job's fence. */
    public void beforeFence() {
        notifier.setUp();
    }

    /** At MPI_Init, after the job's fence. */
    public void afterFence() {
        notifier.connect();
    }

    /** Whether a waiting rank sleeps in its eventfd, woken by senders ({@code mpi.shm-notify = eventfd}). */
    public boolean sleepsInEventfd() {
        return notifier.wakesSleepers();
    }

    /**
     * Sleeps in eventfd {@code fd} until a sender of the node or the NIC signals it, or
     * {@code deadline}, unless one of {@code wake} (the words a message would move) already moved.
     */
    public void sleepInEventfd(int fd, List<Step.WordCondition> wake, long deadline) {
        notifier.sleep(fd, wake, deadline);
    }

    /**
     * The rank spins in a wait: true if it told the node's senders so (they need not interrupt it),
     * and then it must progress before it leaves (see {@link #leftWait}).
     */
    public boolean enterWait() {
        return notifier.enterWait();
    }

    /**
     * The rank leaves a wait {@link #enterWait} announced: true if one of {@code wake} moved
     * meanwhile (progress once more).
     */
    public boolean leftWait(List<Step.WordCondition> wake) {
        return notifier.leaveWait(wake);
    }

    /** Raises ({@code true}) or lowers this rank's sleep word ({@link #sleepWord}). */
    void setSleepWord(boolean raised) {
        host.context().run(new Step.Store(sleepWord(local), raised ? 1 : 0));
    }

    /** One round of loads of {@code words}: whether one of them meets its condition. */
    boolean anyMoved(List<Step.WordCondition> words) {
        return host.context().run(new Step.LoadAny(words)).value() != words.size();
    }

    /** Whether world rank {@code worldRank} is reached through shared memory (it is on this node). */
    public boolean reaches(int worldRank) {
        return job.nodeOf(worldRank) == node;
    }

    // ---- sending -------------------------------------------------------------------------------------

    /**
     * Sends {@code bytes} (with {@code data} when real) to world rank {@code dest} on this node;
     * {@code buffer} is the send buffer in node memory (read by the receiver above the slot size).
     * {@code send} completes through {@link Host#sent}.
     */
    public void send(Object send, int dest, int context, int source, int tag, long bytes, byte[] data, long buffer) {
        OutQueue q = outgoing[job.coreOf(dest)];
        host.count("mpi.shm.messages", 1);
        if (bytes <= settings.slotSize()) {
            publish(q, new Outgoing(EAGER, context, source, tag, bytes, data, 0, 0, send));
        } else {
            long id = nextSendId++;
            awaitingAck.put(id, send);
            publish(q, new Outgoing(SINGLE_COPY, context, source, tag, bytes, new byte[0], buffer, id, send));
        }
    }

    private void publish(OutQueue q, Outgoing o) {
        if (!q.held.isEmpty() || !room(q)) {
            q.held.addLast(o);
            return;
        }
        write(q, o);
    }

    /** Whether the ring has a free cell, re-reading the head word when the last one read says full. */
    private boolean room(OutQueue q) {
        if (q.tail - q.head < settings.slots()) return true;
        q.head = loadHead(q.to);
        return q.tail - q.head < settings.slots();
    }

    /** A load of the head word of this rank's queue to {@code peer} (a round trip to the node). */
    long loadHead(int peer) {
        OutQueue q = outgoing[peer];
        q.head = Math.max(q.head, host.context().run(new Step.WaitWord(headWord(local, peer), v -> true)).value());
        return q.head;
    }

    private void write(OutQueue q, Outgoing o) {
        Fiber.Context ctx = host.context();
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(o.kind()).position(4);
        header.putInt(o.context()).putInt(o.source()).putInt(o.tag()).putLong(o.bytes()).putLong(o.buffer())
                .putLong(o.sendId());
        byte[] cell = header.array();
        if (o.kind() == EAGER && o.bytes() > 0) {
            host.library(copy(o.bytes())); // the copy into the cell
            if (o.data().length == o.bytes()) {
                cell = java.util.Arrays.copyOf(cell, HEADER + o.data().length);
                System.arraycopy(o.data(), 0, cell, HEADER, o.data().length);
            }
        }
        ctx.run(new Step.WriteMemory(cell(local, q.to, q.tail), cell));
        long before = q.tail++;
        ctx.run(new Step.Store(tailWord(local, q.to), q.tail)); // published
        notifier.published(q.to, before);
        if (o.kind() == EAGER) host.sent(o.token());
    }

    /** The head moved: publish what the full ring held back. */
    private void release(OutQueue q) {
        loadHead(q.to);
        while (!q.held.isEmpty() && q.tail - q.head < settings.slots()) write(q, q.held.pollFirst());
    }

    // ---- receiving -----------------------------------------------------------------------------------

    /**
     * Posts a receive (communicator {@code context}, {@code source} as a communicator rank or
     * ANY_SOURCE, {@code tag} or ANY_TAG). Returns true if an unexpected message matched it at once
     * (it is complete, and nothing is to be posted on the NIC); {@code alsoNic}: the caller posts
     * it on the NIC too, and the first transport to match wins.
     */
    public boolean post(Object receive, int context, int source, int tag, boolean alsoNic) {
        Receive r = new Receive(receive, context, source, tag, alsoNic);
        for (Iterator<Message> it = unexpected.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (matches(r, m)) {
                it.remove();
                deliver(r, m);
                return true;
            }
        }
        posted.add(r);
        return false;
    }

    /** The NIC matched {@code receive} (its event came): shared memory must not match it any more. */
    public void nicMatched(Object receive) {
        posted.removeIf(r -> r.token() == receive);
    }

    private static boolean matches(Receive r, Message m) {
        return r.context() == m.context && (r.source() == Mpi.ANY_SOURCE || r.source() == m.source)
                && (r.tag() == Mpi.ANY_TAG || r.tag() == m.tag);
    }

    /**
     * Takes what the queues hold: one round of loads of the words that may have moved, then the
     * queues that did, until a round finds nothing. Returns how many queues or unlinks it handled.
     */
    public int progress() {
        int handled = 0;
        while (true) {
            List<Step.WordCondition> words = new ArrayList<>();
            List<Runnable> actions = new ArrayList<>();
            watch(words, actions);
            int fired = (int) host.context().run(new Step.LoadAny(words)).value();
            if (fired == words.size()) return handled;
            actions.get(fired).run();
            handled++;
        }
    }

    /** The words whose change means work for this rank: for a wait to watch with the event queue's. */
    public List<Step.WordCondition> wakeWords() {
        List<Step.WordCondition> words = new ArrayList<>();
        watch(words, new ArrayList<>());
        return words;
    }

    private void watch(List<Step.WordCondition> words, List<Runnable> actions) {
        if (claim != null) {
            words.add(new Step.WordCondition(claim.unlinkWord(), v -> v > 0));
            actions.add(this::resolveClaim);
        } else {
            for (InQueue q : incoming) {
                long taken = q.taken;
                words.add(new Step.WordCondition(tailWord(q.from, local), v -> v > taken));
                actions.add(() -> drain(q));
            }
        }
        for (OutQueue q : outgoing) {
            if (q.held.isEmpty()) continue;
            long head = q.head;
            words.add(new Step.WordCondition(headWord(local, q.to), v -> v > head));
            actions.add(() -> release(q));
        }
    }

    /** Takes the cells of queue {@code q} up to its tail (or until an unlink must be awaited). */
    private void drain(InQueue q) {
        Fiber.Context ctx = host.context();
        long taken = q.taken;
        long tail = ctx.run(new Step.WaitWord(tailWord(q.from, local), v -> v > taken)).value();
        while (q.taken < tail && claim == null) {
            long cell = cell(q.from, local, q.taken);
            byte[] h = ctx.run(new Step.ReadMemory(cell, HEADER)).data();
            if (h.length != HEADER) throw new IllegalStateException("rank " + rank + ": a published cell without its header");
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            Message m = new Message();
            m.kind = b.get();
            b.position(4);
            m.context = b.getInt();
            m.source = b.getInt();
            m.tag = b.getInt();
            m.bytes = b.getLong();
            m.buffer = b.getLong();
            m.sendId = b.getLong();
            m.from = q.from;
            host.library(handling);
            long length = HEADER;
            if (m.kind == EAGER && m.bytes > 0) {
                // out of the cell (into the posted receive, or a private buffer if none matches)
                m.data = ctx.run(new Step.ReadMemory(cell + HEADER, m.bytes)).data();
                host.library(copy(m.bytes));
                length += m.bytes;
            }
            ctx.run(new Step.FreeMemory(cell, length)); // the cell's bytes are dead: it may carry a modelled message next
            q.taken++;
            arrive(m);
        }
        ctx.run(new Step.Store(headWord(q.from, local), q.taken));
    }

    private void arrive(Message m) {
        if (m.kind == ACK) {
            Object send = awaitingAck.remove(m.sendId);
            if (send == null) throw new IllegalStateException("rank " + rank + ": an acknowledgement for an unknown send");
            host.sent(send);
            return;
        }
        for (Iterator<Receive> it = posted.iterator(); it.hasNext(); ) {
            Receive r = it.next();
            if (!matches(r, m)) continue;
            it.remove();
            if (r.alsoNic()) {
                claim = new Claim(r, m, host.unlink(r.token()));
            } else {
                deliver(r, m);
            }
            return;
        }
        m.buffered = true;
        unexpected.add(m);
    }

    /** The NIC answered the unlink of a receive a cell had matched. */
    private void resolveClaim() {
        Claim c = claim;
        long outcome = host.context().run(new Step.WaitWord(c.unlinkWord(), v -> v > 0)).value();
        claim = null;
        if (outcome == 2) {
            deliver(c.receive(), c.message());
        } else {
            // the NIC matched the receive first: the cell is still the oldest of its sender's
            host.count("mpi.shm.unlink-too-late", 1);
            arrive(c.message());
        }
    }

    private void deliver(Receive r, Message m) {
        host.checkFits(r.token(), m.bytes, m.source, m.tag);
        byte[] data = m.data;
        if (m.kind == EAGER) {
            if (m.buffered && m.bytes > 0) host.library(copy(m.bytes)); // out of the private buffer
        } else {
            // single copy, straight from the sender's buffer; then the sender may complete
            if (m.bytes > 0) {
                data = host.context().run(new Step.ReadMemory(m.buffer, m.bytes)).data();
                host.library(copy(m.bytes));
            }
            int sender = job.rankAt(node, m.from);
            publish(outgoing[job.coreOf(sender)], new Outgoing(ACK, 0, 0, 0, 0, new byte[0], 0, m.sendId, null));
        }
        host.received(r.token(), m.source, m.tag, m.bytes, data);
    }

    private Cost copy(long bytes) {
        return Cost.of(copyBandwidth.serialisation(bytes));
    }
}
