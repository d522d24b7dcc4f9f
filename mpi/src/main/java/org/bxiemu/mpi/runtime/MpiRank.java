package org.bxiemu.mpi.runtime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.SyscallResult;
import org.bxiemu.mpi.Mpi;
import org.bxiemu.mpi.MpiException;
import org.bxiemu.mpi.MpiSettings;
import org.bxiemu.mpi.Payload;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.Status;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.CollectiveAlgorithm;
import org.bxiemu.mpi.collective.CollectiveArgs;
import org.bxiemu.mpi.collective.CollectiveSelector;
import org.bxiemu.mpi.collective.Op;
import org.bxiemu.mpi.collective.Schedule;
import org.bxiemu.mpi.collective.Slice;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.AckRequest;
import org.bxiemu.nic.portals.DataCommand;
import org.bxiemu.nic.portals.EqHandle;
import org.bxiemu.nic.portals.Event;
import org.bxiemu.nic.portals.ListKind;
import org.bxiemu.nic.portals.MatchEntry;
import org.bxiemu.nic.portals.MdHandle;
import org.bxiemu.nic.portals.MeOption;
import org.bxiemu.nic.portals.MemoryDescriptor;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.node.Node;
import org.bxiemu.node.user.Fiber;
import org.bxiemu.node.job.Job;
import org.bxiemu.node.user.Step;

/**
 * The MPI library of one rank, running in its thread's fiber: every call is library code on the
 * rank's core (costs from {@code mpi.costs}) driving its NIC through Portals 4.
 *
 * <p>Protocol. Messages go to portal 0 with match bits (context, source, tag); posted receives
 * are priority-list entries (matching in the NIC, wildcards by ignore bits); unexpected eager
 * messages land in overflow buffers and are found again when the receive is posted (a
 * PUT_OVERFLOW event), then copied out. Above {@code mpi.eager-threshold} a send exposes its
 * buffer on portal 1 and Puts only a header; the receiver Gets the data, and the sender completes
 * on the GET event. Progress happens only inside MPI calls (the {@code poll} engine): a wait
 * drains the event queue and, while nothing is there, spins on the queue's tail word.
 */
public final class MpiRank implements Mpi {
    private static final int MESSAGE_PT = 0;
    private static final int RENDEZVOUS_PT = 1;
    private static final long RENDEZVOUS = 1L << 63;
    /** User pointer of overflow entries (requests' pointers are their ids, from 1). */
    private static final long OVERFLOW = 0;
    private static final long WORD_AREA = 1L << 30;


    private final ProgressEngine engine;
    /** The library's core lock, a word of the rank's memory (held: 1). */
    private final long lockWord;
    /** Set by a handler that found the lock held: the holder progresses before it lets go. */
    private boolean progressPending;
    private final MpiSettings settings;
    private final int rank;
    private final int size;
    private final IntUnaryOperator nodeOf;
    private final long memoryBase;
    private long nextAddress;
    private long nextWord;
    private long nextRequest = 1;
    private EqHandle eq;
    private MdHandle md;
    private MdHandle headerMd;
    private long eventsSeen;
    private int unacknowledged;
    private final TreeMap<Long, Req> requests = new TreeMap<>();
    /** Sends to each destination so far: the sequence in a rendezvous id. */
    private int rendezvousSends;

    private enum Kind { SEND, RECV }

    private final class Req implements Request {
        final long id = nextRequest++;
        final Kind kind;
        final long address;
        final long capacity;
        boolean done;
        boolean getIssued;
        /** A receive posted on the NIC and in shared memory: the completion word of its MeAppend (0: not both). */
        long bothWord;
        Status status;
        /** The communicator of a receive (its sources are ranks in it). */
        Communicator comm;
        /** The world rank this request waits on: the destination, the source, or ANY_SOURCE. */
        int peer = ANY_SOURCE;

        Req(Kind kind, long address, long capacity) {
            this.kind = kind;
            this.address = address;
            this.capacity = capacity;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public Status status() {
            return status;
        }
    }

    private final Job job;
    /** Requests completed so far; with an engine that progresses elsewhere, also in a memory word. */
    private long completions;
    private final long completionWord;
    /** Where a progress thread publishes its thread id. */
    private final long progressThreadWord;
    private final long finalizeWord;
    private volatile boolean finalizing;

    private final int nodeCores;
    private final Communicator world;
    /** In a wait that told the node's senders so (they send no interrupt): lowered when it ends. */
    private boolean inWait;
    /** Messages to ranks of this node through shared memory (null: mpi.shm = off, or alone on the node). */
    private final org.bxiemu.mpi.runtime.shm.SharedMemoryTransport shm;
    /** Above every context this rank knows: new communicators agree on theirs from it. */
    private int nextContext = 1;

    public MpiRank(Fiber.Context ctx, MpiSettings settings, Job job, int rank, int nodeCores) {
        this(ctx, settings, rank, job.size(), job::nodeOf, job, nodeCores);
    }

    private MpiRank(Fiber.Context ctx, MpiSettings settings, int rank, int size, IntUnaryOperator nodeOf, Job job,
            int nodeCores) {
        this.job = job;
        this.nodeCores = nodeCores;
        this.world = Communicator.world(rank, size);
        this.engine = ProgressEngine.named(settings.progress());
        this.settings = settings;
        this.rank = rank;
        this.size = size;
        this.nodeOf = nodeOf;
        // each rank of a node has its own part of the node's memory
        this.memoryBase = ((long) context().api().core() + 1) << 40;
        this.lockWord = memoryBase + 8;
        this.completionWord = memoryBase + 16;
        this.progressThreadWord = memoryBase + 24;
        this.finalizeWord = memoryBase + 32;
        this.nextWord = memoryBase + 40;
        this.nextAddress = memoryBase + WORD_AREA;
        this.shm = org.bxiemu.mpi.runtime.shm.SharedMemoryTransport.create(settings.shm(), job, rank,
                settings.uintrVector(), settings.eventHandling(), settings.copyBandwidth(), new ShmHost());
    }

    /** MPI_Init: opens the rank's network interface, its queue and portals, then the job's fence. */
    public void init() {
        library(settings.callOverhead());
        command(new HostMessage.OpenInterface());
        eq = new EqHandle(command(new HostMessage.EqAlloc(settings.eventQueueSize())));
        md = new MdHandle(command(new HostMessage.MdBind(MemoryDescriptor.of(0, Long.MAX_VALUE / 2).withEq(eq))));
        // rendezvous headers need no SEND event: nothing waits for a header to leave
        headerMd = new MdHandle(command(new HostMessage.MdBind(MemoryDescriptor.of(0, Long.MAX_VALUE / 2).withEq(eq)
                .withOptions(org.bxiemu.nic.portals.MdOption.EVENT_SEND_DISABLE))));
        command(new HostMessage.PtAlloc(MESSAGE_PT, eq, EnumSet.noneOf(org.bxiemu.nic.portals.PtOption.class)));
        command(new HostMessage.PtAlloc(RENDEZVOUS_PT, eq, EnumSet.noneOf(org.bxiemu.nic.portals.PtOption.class)));
        for (int i = 0; i < settings.overflowBuffers(); i++) postOverflow();
        engine.start(this);
        if (shm != null) shm.beforeFence();
        // every rank's portals exist before anyone sends: the launcher's out-of-band fence
        SyscallResult fence = context().run(new Step.Call(new Syscall.Fence(size)));
        if (fence.failed()) throw new MpiException("MPI_Init: the job's fence failed (" + fence.value() + ")");
        if (shm != null) shm.afterFence();
        engine.ready(this);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long now() {
        context().settle(); // the library work spent so far is part of the time
        return context().api().now();
    }

    @Override
    public double wtime() {
        return now() / 1e12;
    }

    @Override
    public void count(String name, long amount) {
        context().api().count(name, amount);
    }

    @Override
    public void compute(long duration) {
        if (duration > 0) context().run(new Step.Compute(duration));
    }

    @Override
    public Request isend(Payload payload, int dest, int tag) {
        return isend(world, payload, dest, tag);
    }

    Request isend(Communicator comm, Payload payload, int dest, int tag) {
        enter();
        try {
            return startSend(comm, payload, dest, tag);
        } finally {
            leave();
        }
    }

    private Request startSend(Communicator comm, Payload payload, int dest, int tag) {
        library(settings.callOverhead());
        checkRank(comm, dest, "destination");
        if (tag < 0) throw new MpiException("rank " + rank + ": send tag " + tag + " is negative");
        long address = allocate(payload.bytes());
        if (payload.real()) context().run(new Step.WriteMemory(address, payload.data()));
        Req req = new Req(Kind.SEND, address, payload.bytes());
        req.status = new Status(rank, tag, payload.bytes(), payload);
        requests.put(req.id, req);
        int worldDest = comm.world(dest);
        req.peer = worldDest;
        if (shm != null && shm.reaches(worldDest)) {
            shm.send(req, worldDest, comm.context(), comm.rank(), tag, payload.bytes(), payload.data(), address);
            return req;
        }
        ProcessId target = new ProcessId(nodeOf.applyAsInt(worldDest), worldDest);
        long bits = MatchBits.of(comm.context(), comm.rank(), tag);
        if (payload.bytes() <= settings.eagerThreshold()) {
            doorbell(new HostMessage.Operation(new DataCommand.Put(md, address, payload.bytes(), AckRequest.NO_ACK,
                    target, MESSAGE_PT, bits, 0, req.id, 0)));
        } else {
            long id = ((long) rank << 32) | (rendezvousSends++ & 0xFFFF_FFFFL);
            MatchEntry exposed = MatchEntry.builder(RENDEZVOUS_PT).match(id, 0).buffer(address, payload.bytes())
                    .options(MeOption.OP_GET, MeOption.USE_ONCE, MeOption.EVENT_LINK_DISABLE,
                            MeOption.EVENT_UNLINK_DISABLE)
                    .userPtr(req.id).build();
            doorbell(new HostMessage.MeAppend(exposed));
            if (payload.bytes() >= (1L << 31)) throw new MpiException("rank " + rank + ": messages are limited to 2 GiB");
            long header = RENDEZVOUS | ((id & 0xFFFF_FFFFL) << 31) | payload.bytes();
            doorbell(new HostMessage.Operation(new DataCommand.Put(headerMd, address, 0, AckRequest.NO_ACK, target,
                    MESSAGE_PT, bits, 0, 0, header)));
        }
        return req;
    }

    @Override
    public Request irecv(long capacity, int source, int tag) {
        return irecv(world, capacity, source, tag);
    }

    Request irecv(Communicator comm, long capacity, int source, int tag) {
        enter();
        try {
            return postReceive(comm, capacity, source, tag);
        } finally {
            leave();
        }
    }

    private Request postReceive(Communicator comm, long capacity, int source, int tag) {
        library(settings.callOverhead());
        if (source != ANY_SOURCE) checkRank(comm, source, "source");
        long address = allocate(capacity);
        Req req = new Req(Kind.RECV, address, capacity);
        req.comm = comm;
        if (source != ANY_SOURCE) req.peer = comm.world(source);
        requests.put(req.id, req);
        library(settings.postReceive());
        boolean both = false;
        if (shm != null && (source == ANY_SOURCE || shm.reaches(req.peer))) {
            // a sender on this node comes through shared memory; ANY_SOURCE on a communicator
            // that also spans other nodes waits on both transports
            if (source == ANY_SOURCE) for (int i = 0; i < comm.size(); i++) both |= !shm.reaches(comm.world(i));
            if (shm.post(req, comm.context(), source, tag, both) || !both) return req;
        }
        MatchEntry posted = MatchEntry.builder(MESSAGE_PT).match(MatchBits.of(comm.context(), Math.max(source, 0),
                        Math.max(tag, 0)),
                        MatchBits.ignore(source == ANY_SOURCE, tag == ANY_TAG))
                .buffer(address, capacity).options(MeOption.OP_PUT, MeOption.USE_ONCE, MeOption.EVENT_LINK_DISABLE,
                        MeOption.EVENT_UNLINK_DISABLE)
                .userPtr(req.id).build();
        if (both) req.bothWord = post(new HostMessage.MeAppend(posted)); // its handle, to unlink it
        else doorbell(new HostMessage.MeAppend(posted));
        return req;
    }

    @Override
    public Status waitFor(Request request) {
        enter();
        library(settings.callOverhead());
        long deadline = now() + settings.waitTimeout();
        while (!request.done()) {
            if (progress() == 0 && !request.done()) {
                if (now() >= deadline) throw waitTimedOut(request);
                // nothing to do: let go of the lock and wait as the engine does (polling the
                // queue's word, for a handler, or for the progress thread to complete something)
                long seen = completions;
                leave(); // which may progress what a handler left: the request may be done now
                if (!request.done()) engine.idle(this, request::done, seen, deadline);
                enter();
            }
        }
        if (inWait) {
            inWait = false;
            // a sender that found this rank in its wait sent no interrupt: take what came
            if (shm.leftWait(wakeWords())) progress();
        }
        if (request instanceof Req req) requests.remove(req.id);
        leave();
        return request.status();
    }

    @Override
    public boolean test(Request request) {
        enter();
        try {
            library(settings.callOverhead());
            progress();
            if (request.done() && request instanceof Req req) requests.remove(req.id);
            return request.done();
        } finally {
            leave();
        }
    }

    /**
     * A wait outlived {@code mpi.wait-timeout}: the job fails, naming this rank and the ranks whose
     * messages never came (or never took this rank's) — a crashed or hung peer, or a deadlock.
     */
    private MpiException waitTimedOut(Request request) {
        java.util.TreeSet<Integer> peers = new java.util.TreeSet<>();
        boolean anySource = false;
        String what;
        if (request instanceof CollectiveReq c) {
            what = "MPI_" + c.name + " (round " + (c.round + 1) + " of " + c.schedule.rounds().size() + ")";
            for (Req r : c.pending) {
                if (r.done) continue;
                if (r.peer == ANY_SOURCE) anySource = true;
                else peers.add(r.peer);
            }
        } else if (request instanceof org.bxiemu.mpi.runtime.offload.OffloadedRequest o) {
            what = "MPI_" + o.name() + " on the NIC";
            peers.addAll(o.peers());
        } else {
            Req r = (Req) request;
            what = r.kind == Kind.SEND ? "a send to rank " + r.peer : r.peer == ANY_SOURCE ? "a receive from any rank"
                    : "a receive from rank " + r.peer;
            if (r.peer == ANY_SOURCE) anySource = true;
            else peers.add(r.peer);
        }
        StringBuilder waitingOn = new StringBuilder();
        for (int p : peers) waitingOn.append(waitingOn.length() == 0 ? "" : ", ").append(p);
        if (anySource) waitingOn.append(waitingOn.length() == 0 ? "" : ", ").append("any rank");
        return new MpiException("rank " + rank + ": wait for " + what + " timed out after "
                + org.bxiemu.engine.units.Durations.format(settings.waitTimeout()) + " (mpi.wait-timeout); no progress from rank(s) "
                + waitingOn + " — crashed, hung or deadlocked");
    }

    // ---- progression: the engine's hooks ---------------------------------------------------------

    /** Takes the core lock (engines where a handler or another thread also progresses). */
    private void enter() {
        if (!engine.locks()) return;
        while (context().run(new Step.Atomic(lockWord, Step.AtomicKind.COMPARE_AND_SWAP, 1, 0)).value() != 0) {
            context().run(new Step.WaitWord(lockWord, v -> v == 0));
        }
    }

    private void leave() {
        if (!engine.locks()) return;
        // the library work spent under the lock runs before the last look for a handler's note:
        // a handler that interrupts it finds the lock held and leaves a note, which is then seen
        context().settle();
        while (progressPending) { // work a handler left us while we held the lock
            progressPending = false;
            progress();
            context().settle();
        }
        context().run(new Step.Atomic(lockWord, Step.AtomicKind.SWAP, 0, 0));
    }

    /**
     * Progress from an interrupt handler running {@code handler}'s steps: if the core lock is
     * free, take it and drain the queue; if the interrupted code holds it, leave a note for it
     * (the handler must not block) and return at once.
     */
    void progressFromHandler(Fiber.Context handler) {
        tryProgress(handler);
    }

    /**
     * Progress from another thread of control ({@code caller}: a handler, a poller) that must not
     * block: returns false, leaving a note for the holder, when the core lock is held.
     */
    boolean tryProgress(Fiber.Context caller) {
        // the caller runs in its own fiber: context() is the caller's while it runs
        if (caller.run(new Step.Atomic(lockWord, Step.AtomicKind.COMPARE_AND_SWAP, 1, 0)).value() != 0) {
            progressPending = true;
            return false;
        }
        progress();
        caller.run(new Step.Atomic(lockWord, Step.AtomicKind.SWAP, 0, 0));
        return true;
    }

    long lockWord() {
        return lockWord;
    }

    /** Set to 1 at MPI_Finalize, for threads that serve this rank and watch it. */
    long finalizeWord() {
        return finalizeWord;
    }

    /** The word the NIC advances with every event of this rank's queue. */
    long eventQueueWord() {
        return Node.eventQueueWord(rank, eq.value());
    }

    /** Where steps run: the fiber running the calling code (main program, handler, progress thread). */
    Fiber.Context context() {
        return Fiber.current();
    }

    long progressThreadWord() {
        return progressThreadWord;
    }

    int nodeCores() {
        return nodeCores;
    }

    long completionWord() {
        return completionWord;
    }

    Job job() {
        return job;
    }

    boolean finalizing() {
        return finalizing;
    }

    /** The progress thread's loop: progress whenever the event queue moves, until MPI_Finalize. */
    void progressLoop() {
        while (!finalizing) {
            enter();
            progress();
            List<Step.WordCondition> words = wakeWords();
            leave();
            context().run(new Step.WaitAnyWord(words, Step.END_OF_TIME));
        }
    }

    /** MPI_Finalize: the engine's own threads end. */
    public void finish() {
        finalizing = true;
        engine.stop(this);
    }

    EqHandle eventQueue() {
        return eq;
    }

    int portalsPid() {
        return rank;
    }

    long eventsSeen() {
        return eventsSeen;
    }

    /**
     * The events worth an interrupt (NewMadeleine's rule, MODEL.md): a message landing at the
     * receiver (an eager message, or a rendezvous header to fetch), or found in the overflow list
     * when its receive is posted (PUT_OVERFLOW: the NIC answers the append later); its data
     * arriving (REPLY); at the sender the receiver fetching a rendezvous (GET), and an eager send
     * leaving (SEND: a collective's next round may wait for it). Rendezvous headers post no SEND
     * event at all, and an unexpected message landing none either (posting its receive finds it).
     */
    static final java.util.Set<org.bxiemu.nic.portals.EventKind> INTERRUPTING = EnumSet.of(
            org.bxiemu.nic.portals.EventKind.PUT, org.bxiemu.nic.portals.EventKind.PUT_OVERFLOW,
            org.bxiemu.nic.portals.EventKind.REPLY, org.bxiemu.nic.portals.EventKind.GET,
            org.bxiemu.nic.portals.EventKind.SEND);

    /**
     * A wait with nothing to progress: spin on the event queue's word until an event comes (which
     * a handler may already have taken) or {@code deadline}.
     */
    void spinOnEventQueue(long deadline) {
        long seen = eventsSeen;
        if (shm == null) context().run(new Step.WaitWord(eventQueueWord(), v -> v > seen, deadline));
        else {
            if (!inWait) inWait = shm.enterWait();
            context().run(new Step.WaitAnyWord(wakeWords(), deadline));
        }
    }

    /**
     * The words whose change means work for this rank: its event queue's, and with shared memory
     * the tail words of its queues (and whatever else the transport awaits).
     */
    List<Step.WordCondition> wakeWords() {
        long seen = eventsSeen;
        List<Step.WordCondition> words = new ArrayList<>();
        words.add(new Step.WordCondition(eventQueueWord(), v -> v > seen));
        if (shm != null) words.addAll(shm.wakeWords());
        return words;
    }

    /**
     * A wait with nothing to progress, for a rank that sleeps in eventfd {@code fd}: with shared
     * memory it sleeps only if no message moved a word since (senders of the node then write the
     * eventfd, {@code mpi.shm-notify = eventfd}), or spins on the words if they only publish
     * ({@code poll}); without, it sleeps (the NIC's interrupt path writes the eventfd).
     */
    void sleepOrSpin(int fd, long deadline) {
        if (shm == null) context().run(new Step.Call(new Syscall.EventfdPollRead(fd, deadline - now())));
        else if (shm.sleepsInEventfd()) shm.sleepInEventfd(fd, wakeWords(), deadline);
        else spinOnEventQueue(deadline);
    }

    /** Whether messages from this node's ranks come through shared memory (not through the event queue). */
    boolean sharesMemory() {
        return shm != null;
    }

    /** The library as the shared-memory transport sees it. */
    private final class ShmHost implements org.bxiemu.mpi.runtime.shm.SharedMemoryTransport.Host {
        @Override
        public Fiber.Context context() {
            return MpiRank.this.context();
        }

        @Override
        public void library(Cost cost) {
            MpiRank.this.library(cost);
        }

        @Override
        public void checkFits(Object receive, long bytes, int source, int tag) {
            truncation((Req) receive, bytes, source, tag);
        }

        @Override
        public void received(Object receive, int source, int tag, long bytes, byte[] data) {
            Req req = (Req) receive;
            req.status = new Status(source, tag, bytes, data.length == bytes && bytes > 0 ? new Payload(bytes, data)
                    : Payload.modelled(bytes));
            completed(req);
        }

        @Override
        public void sent(Object send) {
            Req req = (Req) send;
            release(req);
            completed(req);
        }

        @Override
        public long unlink(Object receive) {
            Req req = (Req) receive;
            long handle = MpiRank.this.context().run(new Step.WaitWord(req.bothWord, v -> v > 0)).value() - 1;
            return post(new HostMessage.MeUnlink(new org.bxiemu.nic.portals.MeHandle((int) handle)));
        }

        @Override
        public void count(String name, long amount) {
            MpiRank.this.context().api().count(name, amount);
        }

        @Override
        public int eventfd() {
            return engine instanceof EventfdEngine e ? e.fd() : -1;
        }
    }

    MpiSettings settings() {
        return settings;
    }

    /** A command the engine sends through the doorbell (interrupt policies). */
    void command(HostMessage.HostRequest request, boolean wait) {
        if (wait) command(request);
        else doorbell(request);
    }

    // ---- the offload engine: requests the NIC completes with one event ------------------------------

    /** A request that the NIC completes with one PUT event whose user pointer is {@link #requestId}. */
    Request eventRequest() {
        Req req = new Req(Kind.RECV, 0, 0);
        req.comm = world;
        requests.put(req.id, req);
        return req;
    }

    long requestId(Request request) {
        return ((Req) request).id;
    }

    void forget(Request request) {
        requests.remove(((Req) request).id);
    }

    // ---- collectives: schedules of rounds, progressed like any request ------------------------------

    /** User tags stay below this; collective messages use tags above, one per collective call. */
    public static final int COLLECTIVE_TAGS = 1 << 23;
    /** Collective calls so far per communicator context: every member counts the same calls. */
    private final TreeMap<Integer, Integer> collectiveSequences = new TreeMap<>();
    private final TreeMap<Long, CollectiveReq> collectives = new TreeMap<>();
    private final CollectiveSelector selector = new CollectiveSelector();

    private final class CollectiveReq implements Request {
        final long id = nextRequest++;
        final Schedule schedule;
        final int tag;
        int round = -1;
        final List<Req> pending = new ArrayList<>();
        final List<Slice> targets = new ArrayList<>();
        boolean done;

        final Communicator comm;
        /** The collective's name, for messages. */
        String name = "collective";

        CollectiveReq(Schedule schedule, int tag, Communicator comm) {
            this.schedule = schedule;
            this.tag = tag;
            this.comm = comm;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public Status status() {
            return new Status(rank, tag, 0, Payload.modelled(0));
        }
    }

    /** Starts a collective; it then progresses with every progress call (in a wait, a handler, a thread). */
    @Override
    public Request icollective(CollectiveArgs args) {
        return icollective(world, args);
    }

    Request icollective(Communicator comm, CollectiveArgs args) {
        enter();
        try {
            library(settings.callOverhead());
            if (engine instanceof OffloadEngine offload) {
                Request offloaded = offload.icollective(comm, args);
                if (offloaded != null) return offloaded;
            }
            CollectiveAlgorithm algorithm = selector.select(args.collective(), args.messageBytes(comm.size()),
                    comm.size(), settings.algorithm(args.collective()));
            int sequence = collectiveSequences.merge(comm.context(), 1, Integer::sum) - 1;
            int tag = COLLECTIVE_TAGS + (sequence & (COLLECTIVE_TAGS - 1));
            CollectiveReq c = new CollectiveReq(algorithm.schedule(comm.rank(), comm.size(), args), tag, comm);
            c.name = args.collective().name().toLowerCase(java.util.Locale.ROOT);
            collectives.put(c.id, c);
            advance(c);
            return c;
        } finally {
            leave();
        }
    }

    /** Moves a collective through as many rounds as have completed. */
    private void advance(CollectiveReq c) {
        while (!c.done) {
            for (Req r : c.pending) if (!r.done) return;
            for (int i = 0; i < c.pending.size(); i++) {
                Slice into = c.targets.get(i);
                if (into != null) unpack(c.pending.get(i).status.payload(), into);
                requests.remove(c.pending.get(i).id);
            }
            c.pending.clear();
            c.targets.clear();
            if (++c.round == c.schedule.rounds().size()) {
                collectives.remove(c.id);
                c.done = true;
                countCompletion();
                return;
            }
            for (Op op : c.schedule.rounds().get(c.round).ops()) {
                switch (op) {
                    case Op.Send send -> {
                        c.pending.add((Req) startSend(c.comm, pack(send.from()), send.peer(), c.tag));
                        c.targets.add(null);
                    }
                    case Op.Recv recv -> {
                        c.pending.add((Req) postReceive(c.comm, recv.into().bytes(), recv.peer(), c.tag));
                        c.targets.add(recv.into());
                    }
                    case Op.Reduce reduce -> {
                        library(Cost.of(settings.reduceBandwidth().serialisation(reduce.into().bytes())));
                        reduce.apply();
                    }
                    case Op.Copy copy -> {
                        library(Cost.of(settings.copyBandwidth().serialisation(copy.into().bytes())));
                        copy.apply();
                    }
                }
            }
        }
    }

    private void advanceCollectives() {
        for (CollectiveReq c : List.copyOf(collectives.values())) advance(c);
    }

    /** The bytes of a slice (little-endian), or its size alone when the buffer is modelled. */
    private static Payload pack(Slice slice) {
        if (!slice.buffer().isReal() || slice.count() == 0) return Payload.modelled(slice.bytes());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) slice.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < slice.count(); i++) {
            int k = slice.offset() + i;
            switch (slice.buffer().datatype()) {
                case INT -> b.putInt((int) slice.buffer().getLong(k));
                case LONG -> b.putLong(slice.buffer().getLong(k));
                case DOUBLE -> b.putDouble(slice.buffer().getDouble(k));
            }
        }
        return new Payload(slice.bytes(), b.array());
    }

    private static void unpack(Payload payload, Slice into) {
        if (!into.buffer().isReal() || !payload.real()) return;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(payload.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < into.count(); i++) {
            int k = into.offset() + i;
            switch (into.buffer().datatype()) {
                case INT -> into.buffer().set(k, b.getInt());
                case LONG -> into.buffer().set(k, b.getLong());
                case DOUBLE -> into.buffer().doubleData()[k] = b.getDouble();
            }
        }
    }

    @Override
    public Mpi split(int color, int key) {
        return split(world, color, key);
    }

    /**
     * MPI_Comm_split: an allgather of (color, key, next free context) over {@code comm}; each
     * color gets the context max(next free) + its index among the colors, members ordered by key
     * then rank. A negative color (MPI_UNDEFINED) gets no communicator (null).
     */
    Mpi split(Communicator comm, int color, int key) {
        Buffer mine = Buffer.ofLongs(color, key, nextContext);
        Buffer all = Buffer.allocate(org.bxiemu.mpi.collective.Datatype.LONG, 3 * comm.size());
        waitFor(icollective(comm, CollectiveArgs.allgather(mine, all)));
        long base = 0;
        java.util.TreeSet<Long> colors = new java.util.TreeSet<>();
        for (int r = 0; r < comm.size(); r++) {
            base = Math.max(base, all.getLong(3 * r + 2));
            if (all.getLong(3 * r) >= 0) colors.add(all.getLong(3 * r));
        }
        if (base + colors.size() > MatchBits.MAX_CONTEXT) throw new MpiException("rank " + rank + ": out of communicator contexts");
        nextContext = (int) base + colors.size();
        if (color < 0) return null;
        int context = (int) base + colors.headSet((long) color).size();
        List<long[]> members = new ArrayList<>();
        for (int r = 0; r < comm.size(); r++) {
            if (all.getLong(3 * r) == color) members.add(new long[] {all.getLong(3 * r + 1), r});
        }
        members.sort(java.util.Comparator.<long[]>comparingLong(m -> m[0]).thenComparingLong(m -> m[1]));
        int[] worldRanks = new int[members.size()];
        int me = -1;
        for (int i = 0; i < members.size(); i++) {
            int commRank = (int) members.get(i)[1];
            worldRanks[i] = comm.world(commRank);
            if (commRank == comm.rank()) me = i;
        }
        return new CommView(this, Communicator.listed(context, worldRanks, me));
    }

    /** Drains the event queue once, then moves collectives on; returns how many events it handled. */
    private int progress() {
        int handled = drainEvents();
        if (shm != null) handled += shm.progress();
        if (engine instanceof OffloadEngine offload) offload.progress();
        if (!collectives.isEmpty()) advanceCollectives();
        return handled;
    }

    private int drainEvents() {
        SyscallResult r = context().run(new Step.TakeEvents(rank, eq, 64));
        List<Event> events = List.copyOf(context().api().events());
        if (r.value() == 0) return 0;
        for (Event e : events) {
            library(settings.eventHandling());
            onEvent(e);
        }
        eventsSeen += events.size();
        unacknowledged += events.size();
        if (unacknowledged >= settings.eventQueueSize() / 4) {
            doorbell(new HostMessage.EqConsumed(eq, unacknowledged));
            unacknowledged = 0;
        }
        return events.size();
    }

    private void onEvent(Event e) {
        switch (e.kind()) {
            case SEND -> {
                Req req = requests.get(e.userPtr());
                if (req != null && req.kind == Kind.SEND) {
                    release(req); // an eager send's data has left: its buffer is free
                    completed(req);
                }
            }
            case GET -> { // the receiver fetched a rendezvous send
                Req req = requests.get(e.userPtr());
                if (req != null) release(req);
                complete(req);
            }
            case PUT -> {
                if (e.userPtr() == OVERFLOW) return; // unexpected: found again when its receive is posted
                onArrival(requests.get(e.userPtr()), e, false);
            }
            case PUT_OVERFLOW -> onArrival(requests.get(e.userPtr()), e, true);
            case REPLY -> {
                Req req = requests.get(e.userPtr());
                if (req != null) {
                    readInto(req, req.address, req.status.bytes());
                    completed(req);
                }
            }
            case AUTO_UNLINK -> {
                if (e.userPtr() == OVERFLOW) postOverflow(); // an overflow buffer filled up
            }
            default -> {}
        }
    }

    /** A message matched posted receive {@code req}: its data is here, or a rendezvous to fetch. */
    private void onArrival(Req req, Event e, boolean unexpected) {
        if (req == null) throw new IllegalStateException("rank " + rank + ": an event for an unknown request");
        if (req.bothWord != 0) shm.nicMatched(req);
        int source = MatchBits.source(e.matchBits());
        int tag = MatchBits.tag(e.matchBits());
        if ((e.hdrData() & RENDEZVOUS) != 0) {
            long bytes = e.hdrData() & ((1L << 31) - 1);
            int worldSource = req.comm.world(source);
            long id = ((long) worldSource << 32) | ((e.hdrData() >>> 31) & 0xFFFF_FFFFL);
            truncation(req, bytes, source, tag);
            req.status = new Status(source, tag, bytes, Payload.modelled(bytes));
            req.getIssued = true;
            doorbell(new HostMessage.Operation(new DataCommand.Get(md, req.address, bytes,
                    new ProcessId(nodeOf.applyAsInt(worldSource), worldSource), RENDEZVOUS_PT, id, 0, req.id)));
            return;
        }
        truncation(req, e.rlength(), source, tag);
        req.status = new Status(source, tag, e.rlength(), Payload.modelled(e.rlength()));
        if (unexpected) {
            // copy out of the overflow buffer
            library(Cost.of(settings.copyBandwidth().serialisation(e.mlength())));
            readInto(req, e.start(), e.mlength());
        } else {
            readInto(req, req.address, e.mlength());
        }
        completed(req);
    }

    private void truncation(Req req, long bytes, int source, int tag) {
        if (bytes > req.capacity) {
            throw new MpiException("rank " + rank + ": message of " + bytes + " B from rank " + source + " (tag " + tag
                    + ") truncated into a " + req.capacity + " B receive (MPI_ERR_TRUNCATE)");
        }
    }

    /** Reads the bytes that landed, when they are real, into the request's status. */
    private void readInto(Req req, long address, long bytes) {
        if (bytes == 0) return;
        SyscallResult r = context().run(new Step.ReadMemory(address, bytes));
        // copied out to the program: the receive buffer or overflow slice holds nothing live any more
        if (r.data().length == bytes) context().run(new Step.FreeMemory(address, bytes));
        if (r.data().length == bytes) {
            req.status = new Status(req.status.source(), req.status.tag(), req.status.bytes(),
                    new Payload(bytes, r.data()));
        }
    }

    /** A send's buffer held real bytes: once the NIC has read them, node memory can forget them. */
    private void release(Req req) {
        if (req.status != null && req.status.payload().real()) {
            context().run(new Step.FreeMemory(req.address, req.capacity));
        }
    }

    private void complete(Req req) {
        if (req != null) completed(req);
    }

    private void completed(Req req) {
        req.done = true;
        countCompletion();
    }

    /** One more request (point to point or collective) completed; published when another core waits on it. */
    private void countCompletion() {
        completions++;
        if (engine.completionsInMemory()) context().run(new Step.Store(completionWord, completions));
    }

    private void postOverflow() {
        long address = allocate(settings.overflowBufferSize());
        MatchEntry overflow = MatchEntry.builder(MESSAGE_PT).list(ListKind.OVERFLOW).match(0, ~0L)
                .buffer(address, settings.overflowBufferSize()).minFree(settings.eagerThreshold())
                // no PUT event for an unexpected message: nothing can be done with it until its
                // receive is posted, which finds it (PUT_OVERFLOW); only the buffer's unlink matters
                .options(MeOption.OP_PUT, MeOption.MANAGE_LOCAL, MeOption.EVENT_LINK_DISABLE,
                        MeOption.EVENT_COMM_DISABLE).userPtr(OVERFLOW).build();
        doorbell(new HostMessage.MeAppend(overflow));
    }

    // ---- the NIC -------------------------------------------------------------------------------

    /** A command whose completion the library waits for (set-up); returns the handle it allocated. */
    private int command(HostMessage.HostRequest request) {
        long word = post(request);
        SyscallResult done = context().run(new Step.WaitWord(word, v -> v > 0));
        return (int) done.value() - 1;
    }

    /** A command posted with a completion word of its own, where its handle + 1 lands: read it later. */
    long post(HostMessage.HostRequest request) {
        long word = nextWord;
        nextWord += 8;
        context().run(new Step.Doorbell(rank, request, word));
        return word;
    }

    /** A command posted without waiting (data movement, receives): its effects come as events. */
    private void doorbell(HostMessage.HostRequest request) {
        context().run(Step.Doorbell.posted(rank, request));
    }

    void library(Cost cost) {
        // spent, not run: consecutive library work becomes one step before the next visible one
        if (!cost.isZero()) context().spend(cost.cycles() + cycles(cost.picoseconds()));
    }

    private long cycles(long ps) {
        return ps == 0 ? 0 : Math.max(1, context().api().cycles(ps));
    }

    long allocate(long bytes) {
        long address = nextAddress;
        nextAddress += Math.max(64, (bytes + 63) & ~63L);
        return address;
    }

    private void checkRank(Communicator comm, int r, String what) {
        if (r < 0 || r >= comm.size()) {
            throw new MpiException("rank " + rank + ": " + what + " rank " + r + " is not in 0.." + (comm.size() - 1));
        }
    }
}
