package org.bxiemu.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.bxiemu.protocol.engine.ChunkAck;
import org.bxiemu.protocol.engine.ConductorMessage;
import org.bxiemu.protocol.engine.EventChunk;
import org.bxiemu.protocol.engine.Finish;
import org.bxiemu.protocol.engine.PartitionDirectory;
import org.bxiemu.protocol.engine.PartitionMessage;
import org.bxiemu.protocol.engine.PartitionResult;
import org.bxiemu.protocol.engine.RegisterPartition;
import org.bxiemu.protocol.engine.RunFailure;
import org.bxiemu.protocol.engine.StartWindow;
import org.bxiemu.protocol.engine.WindowDone;
import org.bxiemu.protocol.engine.WireEvent;

/**
 * Owns the pending events of its components and runs them window by window (DESIGN.md §2).
 * Events to components of other partitions are held until the window ends, then shipped in
 * bounded chunks under credit flow control; the Conductor opens the next window once every
 * partition reported, and a partition starts it only after receiving every chunk addressed
 * to it. Runs on its own single-threaded dispatcher.
 */
public final class Partition extends AbstractBehavior<Partition.Command> {

    public sealed interface Command {}

    /** A wire message from the Conductor or another partition (possibly on another JVM). */
    public record Wire(PartitionMessage message) implements Command, WireEnvelope {}

    /** A component actor's answer to a batch (fusion off); in-process only. */
    sealed interface BatchOutcome extends Command {}

    record BatchDone(int slot) implements BatchOutcome {}

    record BatchFailed(int slot, RuntimeException error) implements BatchOutcome {}

    private final RunSetup setup;
    private final int self;
    private final int partitions;
    private final ActorRef<Conductor.Command> conductor;
    private final int[] partitionOf;
    private final int[] slotOf;
    private final Component[] local;
    private final ComponentHost[] hosts;
    private final List<ActorRef<ComponentActor.Command>> actors = new ArrayList<>();
    private final EventBuffer[] batches;
    private final EventQueue queue = new EventQueue();
    private final Router router = new Router();

    private List<ActorRef<Command>> peers = List.of();
    private final List<List<WireEvent>> outbox = new ArrayList<>();
    private final int[] credits;
    private final List<ArrayDeque<PartitionMessage>> waiting = new ArrayList<>();
    private final long[] sentTo;
    private final long[] receivedFrom;
    private final int[] chunksToThisWindow;
    private final long[] eventsToThisWindow;
    private final int[] chunksReceived = new int[2]; // by window parity: tags k and k+1 may overlap

    private long window = -1;
    private long windowEnd;
    private StartWindow pendingStart;
    private Finish pendingFinish;
    private long earliestSent = Long.MAX_VALUE;
    private long processedThisWindow;
    private long processedTotal;
    private long prefetchSink;
    private long lastEventTime = -1;
    private int awaitingBatches;
    private final List<Integer> activeSlots = new ArrayList<>();
    private boolean failed;
    /** Chunks from peers that got the directory first; consumed once ours arrives. */
    private final List<EventChunk> earlyChunks = new ArrayList<>();
    /** The last checkpoint number this partition reached (written, checked or passed). */
    private long lastCheckpoint;
    private boolean resumeChecked;
    /**
     * Events from chunks of a window this partition has not started yet (a faster peer ships full
     * chunks mid-window): sent after the next checkpoint's time, so not part of its state. Only
     * looked up, never iterated.
     */
    private final java.util.HashSet<Long> earlyEvents = new java.util.HashSet<>();
    /** The events pending at the checkpoint this run continues from, when it was restored from its images. */
    private final List<ComponentImages.PendingEvent> restored;
    /** The local groups holding code that a resumed run rebuilds from their logged inputs, by name. */
    private final java.util.Map<String, CheckpointFiles.GroupInputs> toReplay = new java.util.TreeMap<>();
    private final RuntimeException restoreFailure;
    /** Each component's group, by global index (the partition map's numbering). */
    private final int[] groupOf;
    /** The local groups' slots, by group name. */
    private final java.util.Map<String, int[]> localGroups = new java.util.TreeMap<>();
    /**
     * Per local slot, the input log of its group when the group holds code and this run writes
     * checkpoints ({@link InputLog}); null when no local group logs.
     */
    private final InputLog[] inputLogOf;
    /** The run's identity in its checkpoint files (from the Conductor: child JVMs do not have the run's description). */
    private String checkpointRun = "";

    private Partition(ActorContext<Command> context, RunSetup setup, int self, ActorRef<Conductor.Command> conductor,
            int jvm) {
        super(context);
        this.setup = setup;
        this.self = self;
        this.conductor = conductor;
        this.partitions = setup.map().partitions();
        this.partitionOf = setup.map().partitionOfArray();
        Platform platform = setup.platform();
        this.slotOf = new int[platform.size()];
        List<Component> mine = new ArrayList<>();
        for (int i = 0; i < platform.size(); i++) {
            slotOf[i] = -1;
            if (partitionOf[i] == self) {
                slotOf[i] = mine.size();
                mine.add(instantiate(platform, i, setup.seed()));
            }
        }
        this.local = mine.toArray(Component[]::new);
        this.groupOf = setup.map().groupOfArray();
        java.util.Map<String, List<Integer>> slotsByGroup = new java.util.TreeMap<>();
        for (int s = 0; s < local.length; s++) {
            slotsByGroup.computeIfAbsent(platform.component(local[s].index()).group(), g -> new ArrayList<>()).add(s);
        }
        slotsByGroup.forEach((g, slots) -> localGroups.put(g, slots.stream().mapToInt(Integer::intValue).toArray()));
        CheckpointFiles.Loaded resume = setup.checkpoints().resume();
        List<ComponentImages.PendingEvent> fromImages = List.of();
        RuntimeException restoreFailure = null;
        try {
            if (resume != null && resume.restores()) fromImages = restore(resume);
        } catch (RuntimeException e) {
            restoreFailure = e; // reported once the run starts, like any partition's failure
        }
        this.restored = fromImages;
        this.restoreFailure = restoreFailure;
        this.inputLogOf = inputLogs(resume);
        this.hosts = new ComponentHost[local.length];
        this.batches = new EventBuffer[local.length];
        for (int s = 0; s < local.length; s++) {
            local[s].sink = router;
            if (setup.settings().trace() && setup.settings().traceFilter().selects(local[s].id())) {
                if (local[s].spans == null) local[s].spans = new ArrayList<>(); // a restored one keeps its spans
                local[s].traceFrom = setup.settings().traceFilter().from();
                local[s].traceTo = setup.settings().traceFilter().to();
            }
            if (!setup.settings().fusion()) {
                // an actor per component only where batches go through actors: fused runs call
                // components on the partition's thread, and 30,000 idle actors cost memory and start-up
                hosts[s] = new ComponentHost(local[s]);
                batches[s] = new EventBuffer();
                actors.add(context.spawn(ComponentActor.create(hosts[s], s), "c" + local[s].index(),
                        DispatcherSelector.fromConfig("bxiemu.component-dispatcher")));
            }
        }
        this.credits = new int[partitions];
        this.sentTo = new long[partitions];
        this.receivedFrom = new long[partitions];
        this.chunksToThisWindow = new int[partitions];
        this.eventsToThisWindow = new long[partitions];
        for (int q = 0; q < partitions; q++) {
            outbox.add(new ArrayList<>());
            waiting.add(new ArrayDeque<>());
            credits[q] = setup.settings().chunksInFlight();
        }
        String ref = ActorRefResolver.get(context.getSystem()).toSerializationFormat(context.getSelf());
        tellConductor(ConductorMessage.newBuilder().setRegister(RegisterPartition.newBuilder()
                .setPartition(self).setJvm(jvm).setActorRef(ref).setComponents(local.length)).build());
    }

    public static Behavior<Command> create(RunSetup setup, int partition, ActorRef<Conductor.Command> conductor,
            int jvm) {
        return Behaviors.setup(ctx -> new Partition(ctx, setup, partition, conductor, jvm));
    }

    private static Component instantiate(Platform platform, int index, long seed) {
        Platform.ComponentSpec spec = platform.component(index);
        Component c = spec.factory().get();
        Link[] links = platform.links(index);
        Port[] ports = new Port[spec.ports().size()];
        for (int p = 0; p < ports.length; p++) ports[p] = new Port(index, p, spec.ports().get(p), links[p]);
        c.bind(index, spec.id(), ports, new SplittableRandom(Seeds.forComponent(seed, spec.id())));
        return c;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wire.class, this::onWire)
                .onMessage(BatchDone.class, this::onBatchDone)
                .onMessage(BatchFailed.class, this::onBatchFailed)
                .build();
    }

    private Behavior<Command> onWire(Wire wire) {
        if (failed) return this;
        PartitionMessage m = wire.message();
        try {
            switch (m.getKindCase()) {
                case DIRECTORY -> onDirectory(m.getDirectory());
                case START -> onStartWindow(m.getStart());
                case CHUNK -> onChunk(m.getChunk());
                case ACK -> onAck(m.getAck());
                case FINISH -> onFinish(m.getFinish());
                case KIND_NOT_SET -> throw new IllegalArgumentException("empty partition message");
            }
        } catch (RuntimeException e) {
            fail(e);
        }
        return this;
    }

    private Behavior<Command> onBatchDone(BatchDone done) {
        if (failed) return this;
        try {
            ComponentHost host = hosts[done.slot()];
            processedThisWindow += host.selfEventsRun - host.cancelledDropped;
            host.cancelledDropped = 0;
            lastEventTime = Math.max(lastEventTime, host.lastDeliveredTime);
            host.selfEventsRun = 0;
            EventBuffer out = host.output;
            for (int i = 0; i < out.size; i++) {
                router.emit(out.time[i], out.order[i], out.target[i], out.port[i], out.payload[i]);
            }
            out.clear();
            if (--awaitingBatches == 0) runSubWindows();
        } catch (RuntimeException e) {
            fail(e);
        }
        return this;
    }

    private Behavior<Command> onBatchFailed(BatchFailed failure) {
        if (!failed) fail(failure.error());
        return this;
    }

    // ---- setup -------------------------------------------------------------------------------

    private void onDirectory(PartitionDirectory directory) {
        ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
        List<ActorRef<Command>> resolved = new ArrayList<>();
        for (String ref : directory.getActorRefsList()) resolved.add(resolver.resolveActorRef(ref));
        peers = List.copyOf(resolved);
        checkpointRun = directory.getCheckpointRun();
        window = 0;
        windowEnd = 0;
        CheckpointFiles.Loaded resume = setup.checkpoints().resume();
        if (restoreFailure != null) throw restoreFailure;
        if (resume != null && resume.restores()) {
            for (ComponentImages.PendingEvent e : restored) {
                queue.push(e.time(), e.order(), e.target(), e.port(), e.payload());
            }
            restored.clear();
            replay(resume);
            // the restored state must be the recorded one: the same fingerprints as a re-execution's
            lastCheckpoint = resume.number();
            verify(resume);
            resumeChecked = true;
        } else {
            for (Component c : local) c.start();
        }
        if (!setup.settings().fusion()) {
            for (int s = 0; s < local.length; s++) local[s].sink = hosts[s];
        }
        finishWindow();
        for (EventChunk chunk : earlyChunks) onChunk(chunk);
        earlyChunks.clear();
    }

    // ---- windows -----------------------------------------------------------------------------

    private void onStartWindow(StartWindow start) {
        pendingStart = start;
        tryStart();
    }

    private void tryStart() {
        if (pendingFinish != null) {
            tryFinish();
            return;
        }
        if (pendingStart == null) return;
        int previous = (int) ((pendingStart.getWindow() - 1) & 1);
        if (chunksReceived[previous] < pendingStart.getExpectedChunks()) return;
        chunksReceived[previous] -= pendingStart.getExpectedChunks();
        window = pendingStart.getWindow();
        windowEnd = pendingStart.getEnd();
        checkpointAt(pendingStart.getStart());
        earlyEvents.clear();
        pendingStart = null;
        if (setup.settings().fusion()) {
            runFused();
            finishWindow();
        } else {
            runSubWindows();
        }
    }

    /**
     * At the first window that starts at or after a checkpoint time, before it runs: every event
     * before that time has been handled and every later one is in the queue (the previous
     * window's chunks are all in), whatever the partitioning. A run writes its fingerprints
     * there; a resumed run, having re-executed up to there, checks it reached the same state.
     */
    private void checkpointAt(long start) {
        Checkpointing ck = setup.checkpoints();
        if (!ck.cutsWindows()) return;
        long number = start / ck.every();
        if (number <= lastCheckpoint) return;
        lastCheckpoint = number;
        CheckpointFiles.Loaded resume = ck.resume();
        if (resume != null && !resumeChecked) {
            if (number < resume.number()) return;
            if (number > resume.number()) {
                throw new BadInputException(CheckpointFiles.describe(resume) + ": the re-executed run passed it "
                        + "without stopping there (was it written with another engine.checkpoint-every?)");
            }
            verify(resume);
            resumeChecked = true;
            return;
        }
        if (ck.writes(number)) {
            List<List<ComponentImages.PendingEvent>> pending = pendingBySlot();
            CheckpointFiles.writePartition(ck.directory(), number, number * ck.every(), self, checkpointRun,
                    states(pending), groups(pending));
        }
    }

    /** The events pending for each local component at a checkpoint, in total order (cancelled and early ones left out). */
    private List<List<ComponentImages.PendingEvent>> pendingBySlot() {
        List<List<ComponentImages.PendingEvent>> pending = new ArrayList<>();
        for (int s = 0; s < local.length; s++) pending.add(new ArrayList<>());
        queue.forEach((time, order, target, port, payload) -> {
            Component c = local[slotOf[target]];
            // a cancelled timer may or may not have been dropped yet, depending on window cuts
            if (port == Port.SELF_INDEX && c.isCancelled(order)) return;
            if (earlyEvents.contains(order)) return;
            pending.get(slotOf[target]).add(new ComponentImages.PendingEvent(time, order, target, port, payload));
        });
        for (List<ComponentImages.PendingEvent> events : pending) {
            events.sort(java.util.Comparator.comparingLong(ComponentImages.PendingEvent::time)
                    .thenComparingLong(ComponentImages.PendingEvent::order));
        }
        return pending;
    }

    /**
     * How each local group is to be restored: its state image (its components and their pending
     * events); for a group holding code, its logged inputs and the events in flight to it from
     * other groups; or why it has neither.
     */
    private CheckpointFiles.GroupCheckpoint[] groups(List<List<ComponentImages.PendingEvent>> pending) {
        List<CheckpointFiles.GroupCheckpoint> groups = new ArrayList<>();
        for (var g : localGroups.entrySet()) {
            int[] slots = g.getValue();
            InputLog log = inputLogOf == null ? null : inputLogOf[slots[0]];
            if (log != null) {
                List<ComponentImages.PendingEvent> inFlight = new ArrayList<>();
                for (int s : slots) {
                    for (ComponentImages.PendingEvent e : pending.get(s)) {
                        if (fromAnotherGroup(e.order(), e.target())) inFlight.add(e);
                    }
                }
                byte[] received = log.received();
                byte[] inFlightBytes = received == null ? null : InputLog.encode(inFlight, setup.platform());
                String gap = received == null ? "its inputs cannot be logged: " + log.gap()
                        : inFlightBytes == null ? "an in-process message is in flight to it" : null;
                groups.add(new CheckpointFiles.GroupCheckpoint(g.getKey(), null, received, inFlightBytes, gap));
                continue;
            }
            Component[] components = new Component[slots.length];
            List<ComponentImages.PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                components[i] = local[slots[i]];
                events.addAll(pending.get(slots[i]));
            }
            ComponentImages.Written w = ComponentImages.write(new ComponentImages.GroupImage(components,
                    events.toArray(ComponentImages.PendingEvent[]::new)));
            groups.add(new CheckpointFiles.GroupCheckpoint(g.getKey(), w.bytes(), null, null, w.gap()));
        }
        return groups.toArray(CheckpointFiles.GroupCheckpoint[]::new);
    }

    /**
     * One input log per local group holding code, when this run writes checkpoints; a run
     * continued from a checkpoint's logs goes on with the inputs received before it.
     */
    private InputLog[] inputLogs(CheckpointFiles.Loaded resume) {
        Checkpointing ck = setup.checkpoints();
        if (!ck.cutsWindows() || ck.directory() == null) return null;
        InputLog[] logs = new InputLog[local.length];
        boolean any = false;
        for (var g : localGroups.entrySet()) {
            boolean holdsCode = false;
            for (int s : g.getValue()) holdsCode |= local[s].holdsCode();
            if (!holdsCode) continue;
            CheckpointFiles.GroupInputs inputs = toReplay.get(g.getKey());
            InputLog log = new InputLog(inputs == null ? new byte[0] : inputs.received());
            for (int s : g.getValue()) logs[s] = log;
            any = true;
        }
        return any ? logs : null;
    }

    /** Logs an event from another group delivered to a group holding code. */
    private void logInput(int slot, long time, long order, int target, int port, Object payload) {
        InputLog log = inputLogOf[slot];
        if (log != null && port != Port.SELF_INDEX && fromAnotherGroup(order, target)) {
            log.add(time, order, target, port, payload, setup.platform());
        }
    }

    /** Whether the event {@code order} (its sender in the high bits) comes to {@code target} from another group. */
    private boolean fromAnotherGroup(long order, int target) {
        return groupOf[InputLog.sender(order)] != groupOf[target];
    }

    /**
     * Rebuilds each local group holding code from its logged inputs: its freshly built
     * components start, then handle alone, in the total order, every event up to the checkpoint
     * — their own and the logged ones — as they did the first time; what they send to other
     * groups was handled by those groups before the checkpoint, or is pending there, and is
     * dropped. The events still pending for the group join the queue.
     */
    private void replay(CheckpointFiles.Loaded resume) {
        for (var g : toReplay.entrySet()) {
            int[] slots = localGroups.get(g.getKey());
            int group = groupOf[local[slots[0]].index()];
            EventQueue own = new EventQueue(64);
            EventSink sink = (time, order, target, port, payload) -> {
                if (groupOf[target] == group) own.push(time, order, target, port, payload);
            };
            for (int s : slots) local[s].sink = sink;
            for (int s : slots) local[s].start();
            List<ComponentImages.PendingEvent> inputs;
            try {
                inputs = new ArrayList<>(InputLog.decode(g.getValue().received()));
                inputs.addAll(InputLog.decode(g.getValue().inFlight()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(CheckpointFiles.describe(resume) + ": the inputs of group " + g.getKey()
                        + " cannot be read (" + e.getMessage() + "); was it written by another bxiemu version?");
            }
            for (ComponentImages.PendingEvent e : inputs) {
                if (e.target() < 0 || e.target() >= groupOf.length || groupOf[e.target()] != group) {
                    throw new BadInputException(CheckpointFiles.describe(resume) + ": a logged input of group "
                            + g.getKey() + " targets component " + e.target() + ", not one of the group's");
                }
                own.push(e.time(), e.order(), e.target(), e.port(), e.payload());
            }
            while (own.minTime() < resume.time()) {
                long time = own.minTime();
                long order = own.minOrder();
                int target = own.minTarget();
                int port = own.minPort();
                Object payload = own.minPayload();
                own.pop();
                Component c = local[slotOf[target]];
                if (port == Port.SELF_INDEX && c.dropIfCancelled(order)) continue;
                c.deliver(time, order, port, payload);
            }
            while (!own.isEmpty()) {
                queue.push(own.minTime(), own.minOrder(), own.minTarget(), own.minPort(), own.minPayload());
                own.pop();
            }
            for (int s : slots) local[s].sink = router;
        }
    }

    /**
     * Replaces the freshly built local components by those of the checkpoint's images (taking
     * their structure from the fresh ones) and returns the events pending for them; groups
     * holding code keep their fresh components, to be rebuilt by {@link #replay}.
     */
    private List<ComponentImages.PendingEvent> restore(CheckpointFiles.Loaded resume) {
        java.util.Map<String, Component> byId = new java.util.HashMap<>();
        List<ComponentImages.PendingEvent> events = new ArrayList<>();
        List<String> imaged = new ArrayList<>();
        for (String group : localGroups.keySet()) {
            CheckpointFiles.GroupInputs inputs = resume.inputs().get(group);
            if (inputs != null) {
                toReplay.put(group, inputs); // rebuilt once the run starts (replay)
            } else if (resume.images().containsKey(group)) {
                imaged.add(group);
            } else {
                throw new BadInputException(CheckpointFiles.describe(resume) + " has no state image of group " + group
                        + " (was it written for another platform?)");
            }
        }
        for (String group : toReplay.keySet()) {
            for (int s : localGroups.get(group)) byId.put(local[s].id(), local[s]); // fresh ones replay their inputs
        }
        ComponentImages.Reader reader = new ComponentImages.Reader(owner -> owner >= slotOf.length
                || slotOf[owner] < 0 ? null : local[slotOf[owner]].ports());
        for (String group : imaged) {
            byte[] bytes = resume.images().get(group);
            ComponentImages.GroupImage image;
            try {
                image = reader.read(bytes);
            } catch (RuntimeException e) {
                throw new BadInputException(CheckpointFiles.describe(resume) + ": the state image of group " + group
                        + " cannot be read (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + "); was it written for another platform or by another bxiemu version?");
            }
            for (Component c : image.components()) byId.put(c.id(), c);
            events.addAll(List.of(image.events()));
        }
        for (int s = 0; s < local.length; s++) {
            Component image = byId.remove(local[s].id());
            if (image == local[s]) continue; // of a group to replay
            if (image == null) {
                throw new BadInputException(CheckpointFiles.describe(resume) + " has no state image of "
                        + local[s].id() + " (was it written for another platform?)");
            }
            ComponentImages.relink(image, local[s]);
            local[s] = image;
        }
        if (!byId.isEmpty()) {
            throw new BadInputException(CheckpointFiles.describe(resume) + " holds components this platform has not: "
                    + new java.util.TreeSet<>(byId.keySet()).first() + " (was it written for another platform?)");
        }
        for (ComponentImages.PendingEvent e : events) {
            if (e.target() < 0 || e.target() >= slotOf.length || slotOf[e.target()] < 0) {
                throw new BadInputException(CheckpointFiles.describe(resume) + ": an imaged event targets component "
                        + e.target() + ", not one of this partition's");
            }
        }
        return new ArrayList<>(events);
    }

    /** Each local component's clock, counts and fingerprint (statistics and pending events). */
    private CheckpointFiles.ComponentState[] states(List<List<ComponentImages.PendingEvent>> pending) {
        CheckpointFiles.ComponentState[] states = new CheckpointFiles.ComponentState[local.length];
        for (int s = 0; s < local.length; s++) {
            Component c = local[s];
            List<ComponentImages.PendingEvent> events = pending.get(s);
            java.security.MessageDigest sha;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
            sha.update(c.stats().export(c.id()).toByteArray());
            java.nio.ByteBuffer longs = java.nio.ByteBuffer.allocate(32);
            longs.putLong(c.now).putLong(c.eventsHandled).putLong(c.eventsSent).putLong(events.size());
            sha.update(longs.array());
            for (ComponentImages.PendingEvent e : events) {
                java.nio.ByteBuffer key = java.nio.ByteBuffer.allocate(20);
                key.putLong(e.time()).putLong(e.order()).putInt(e.port());
                sha.update(key.array());
                // wire messages by content; in-process records (state shared inside a node) by kind only
                sha.update(e.payload() instanceof com.google.protobuf.Message m ? m.toByteArray()
                        : e.payload().getClass().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            states[s] = new CheckpointFiles.ComponentState(c.id(), c.now, c.eventsHandled, c.eventsSent, events.size(),
                    sha.digest());
        }
        return states;
    }

    private void verify(CheckpointFiles.Loaded resume) {
        if (resume.components().size() != setup.platform().size()) {
            throw new BadInputException(CheckpointFiles.describe(resume) + " holds " + resume.components().size()
                    + " components, this platform " + setup.platform().size());
        }
        for (CheckpointFiles.ComponentState now : states(pendingBySlot())) {
            CheckpointFiles.ComponentState then = resume.components().get(now.id());
            if (then == null || then.now() != now.now() || then.eventsHandled() != now.eventsHandled()
                    || then.eventsSent() != now.eventsSent() || then.pendingEvents() != now.pendingEvents()
                    || !java.util.Arrays.equals(then.fingerprint(), now.fingerprint())) {
                throw new BadInputException(CheckpointFiles.describe(resume) + ": the resumed run reached another"
                        + " state for " + now.id() + (then == null ? " (absent from the checkpoint)"
                        : " (events handled " + now.eventsHandled() + " vs " + then.eventsHandled() + ", pending "
                        + now.pendingEvents() + " vs " + then.pendingEvents() + ")")
                        + "; was it written by another bxiemu version?");
            }
        }
    }

    private void runFused() {
        EventQueue q = queue;
        long end = windowEnd;
        long processed = 0;
        while (q.minTime() < end) {
            long time = q.minTime();
            long order = q.minOrder();
            int target = q.minTarget();
            int port = q.minPort();
            Object payload = q.minPayload();
            q.pop();
            if (!q.isEmpty()) touch(local[slotOf[q.minTarget()]], q.minPayload());
            Component c = local[slotOf[target]];
            // a cancelled timer is no event: whether it is dropped here or at a window's head
            // depends on the window cuts, so it must not count either way
            if (port == Port.SELF_INDEX && c.dropIfCancelled(order)) continue;
            if (inputLogOf != null) logInput(slotOf[target], time, order, target, port, payload);
            if (c.deliver(time, order, port, payload)) lastEventTime = time;
            if ((++processed & PROGRESS_EVERY) == 0 && partitions == 1) reportProgress(processed);
        }
        processedThisWindow += processed;
    }

    /**
     * A lone partition runs the whole run as one window (nothing bounds it): it tells the
     * Conductor how far it got every 2^20 events, so that the progress line still moves.
     */
    private static final long PROGRESS_EVERY = (1 << 20) - 1;

    private void reportProgress(long processed) {
        tellConductor(ConductorMessage.newBuilder().setProgress(org.bxiemu.protocol.engine.PartitionProgress
                .newBuilder().setPartition(self).setWindow(window).setVirtualTime(Math.max(0, lastEventTime))
                .setEventsInWindow(processed)).build());
    }

    /**
     * Reads the next event's component and payload before handling the current one: at
     * thousands of components they are rarely in cache, and the loads then overlap the current
     * handler's work instead of stalling the next delivery (a software prefetch). The sink only
     * keeps the loads from being optimised away.
     */
    private void touch(Component next, Object payload) {
        prefetchSink += next.now() + (payload != null && payload.getClass() == Object.class ? 1 : 0);
    }

    /** Fusion off: sub-windows of the local lookahead, one batch message per active component. */
    private void runSubWindows() {
        while (true) {
            dropCancelledHead();
            long first = queue.minTime();
            if (first >= windowEnd) {
                finishWindow();
                return;
            }
            long subEnd = Math.min(windowEnd, saturatingAdd(first, setup.lookahead().local()));
            activeSlots.clear();
            while (queue.minTime() < subEnd) {
                int slot = slotOf[queue.minTarget()];
                EventBuffer b = batches[slot];
                if (b.size == 0) activeSlots.add(slot);
                if (inputLogOf != null) {
                    logInput(slot, queue.minTime(), queue.minOrder(), queue.minTarget(), queue.minPort(),
                            queue.minPayload());
                }
                b.add(queue.minTime(), queue.minOrder(), queue.minTarget(), queue.minPort(), queue.minPayload());
                queue.pop();
                processedThisWindow++;
            }
            awaitingBatches = activeSlots.size();
            for (int slot : activeSlots) {
                actors.get(slot).tell(new ComponentActor.RunBatch(batches[slot], subEnd, getContext().getSelf()));
            }
            if (awaitingBatches > 0) return; // resumed by the last BatchDone
        }
    }

    /**
     * Drops cancelled events at the head of the queue, so that a cancelled timer (a wait's
     * deadline, a re-armed timeout) never sets the next window's start: otherwise the run would
     * step through empty windows up to every deadline that was cancelled.
     */
    private void dropCancelledHead() {
        while (queue.size() > 0 && queue.minPort() == Port.SELF_INDEX
                && local[slotOf[queue.minTarget()]].dropIfCancelled(queue.minOrder())) {
            queue.pop();
        }
    }

    private void finishWindow() {
        WindowDone.Builder done = WindowDone.newBuilder().setPartition(self).setWindow(window);
        for (int q = 0; q < partitions; q++) {
            if (!outbox.get(q).isEmpty()) shipChunk(q);
            done.addChunksTo(chunksToThisWindow[q]).addEventsTo(eventsToThisWindow[q]);
            chunksToThisWindow[q] = 0;
            eventsToThisWindow[q] = 0;
        }
        dropCancelledHead();
        done.setNextTime(queue.minTime()).setEarliestSent(earliestSent)
                .setEventsProcessed(processedThisWindow).setLastEventTime(lastEventTime);
        processedTotal += processedThisWindow;
        processedThisWindow = 0;
        earliestSent = Long.MAX_VALUE;
        tellConductor(ConductorMessage.newBuilder().setDone(done).build());
    }

    /**
     * Ships the events gathered for partition {@code q} as one chunk, as soon as a chunk is full
     * rather than at the end of the window, so serialisation and transfer overlap computation.
     */
    private void shipChunk(int q) {
        List<WireEvent> events = outbox.get(q);
        waiting.get(q).add(PartitionMessage.newBuilder().setChunk(EventChunk.newBuilder()
                .setFromPartition(self).setWindow(window).addAllEvents(events)).build());
        chunksToThisWindow[q]++;
        eventsToThisWindow[q] += events.size();
        sentTo[q] += events.size();
        events.clear();
        pump(q);
    }

    private void pump(int q) {
        ArrayDeque<PartitionMessage> w = waiting.get(q);
        while (credits[q] > 0 && !w.isEmpty()) {
            credits[q]--;
            peers.get(q).tell(new Wire(w.poll()));
        }
    }

    private void onChunk(EventChunk chunk) {
        if (peers.isEmpty()) {
            earlyChunks.add(chunk);
            return;
        }
        int from = chunk.getFromPartition();
        for (WireEvent e : chunk.getEventsList()) {
            if (partitionOf[e.getTarget()] != self) {
                throw new IllegalStateException("partition " + self + " received an event for component "
                        + setup.platform().id(e.getTarget()) + " of partition " + partitionOf[e.getTarget()]);
            }
            long order = ((long) e.getSender() << Component.SEQUENCE_BITS) | e.getSequence();
            queue.push(e.getTime(), order, e.getTarget(), e.getPort(), Payloads.unwrap(e.getPayload()));
            if (chunk.getWindow() > window && setup.checkpoints().cutsWindows()) earlyEvents.add(order);
        }
        receivedFrom[from] += chunk.getEventsCount();
        chunksReceived[(int) (chunk.getWindow() & 1)]++;
        peers.get(from).tell(new Wire(PartitionMessage.newBuilder()
                .setAck(ChunkAck.newBuilder().setFromPartition(self)).build()));
        tryStart();
    }

    private void onAck(ChunkAck ack) {
        credits[ack.getFromPartition()]++;
        pump(ack.getFromPartition());
    }

    private void onFinish(Finish finish) {
        pendingFinish = finish;
        tryFinish();
    }

    /** Reports once the last window's chunks are in, so in-flight events count as pending. */
    private void tryFinish() {
        int last = (int) (pendingFinish.getWindow() & 1);
        if (chunksReceived[last] < pendingFinish.getExpectedChunks()) return;
        int[] pending = new int[local.length];
        long[] total = new long[1];
        queue.forEach((time, order, target, port, payload) -> {
            int slot = slotOf[target];
            // a cancelled timer still queued (its drop depends on the window cuts) is not pending
            if (port == Port.SELF_INDEX && local[slot].isCancelled(order)) return;
            pending[slot]++;
            total[0]++;
        });
        PartitionResult.Builder result = PartitionResult.newBuilder().setPartition(self)
                .setEventsProcessed(processedTotal).setEventsPending(total[0]);
        for (int s = 0; s < local.length; s++) {
            Component c = local[s];
            var stats = c.finish(pendingFinish.getVirtualTime());
            stats.counter("engine.events.pending").add(pending[s]);
            result.addComponents(stats.export(c.id()));
            if (c.spans != null) result.addAllSpans(c.spans);
        }
        for (int q = 0; q < partitions; q++) {
            result.addEventsSentTo(sentTo[q]).addEventsReceivedFrom(receivedFrom[q]);
        }
        tellConductor(ConductorMessage.newBuilder().setResult(result).build());
    }

    private void fail(RuntimeException e) {
        failed = true;
        JobFailedException job = jobFailure(e);
        String reason = job != null ? job.getMessage()
                : e instanceof CausalityViolation || e instanceof BadInputException ? e.getMessage()
                : "partition " + self + ": " + e;
        getContext().getLog().debug("partition {} failed", self, e);
        tellConductor(ConductorMessage.newBuilder()
                .setFailure(RunFailure.newBuilder().setPartition(self).setReason(reason).setJobFailed(job != null))
                .build());
    }

    private static JobFailedException jobFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobFailedException j) return j;
        }
        return null;
    }

    private void tellConductor(ConductorMessage message) {
        conductor.tell(new Conductor.Wire(message));
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Routes emitted events: same partition into the queue, others into the window's outbox. */
    private final class Router implements EventSink {
        @Override
        public void emit(long time, long order, int target, int port, Object payload) {
            int p = partitionOf[target];
            if (p == self) {
                queue.push(time, order, target, port, payload);
                return;
            }
            if (time < windowEnd) {
                throw new CausalityViolation(setup.platform().id(target), time, windowEnd);
            }
            int sender = (int) (order >>> Component.SEQUENCE_BITS);
            List<WireEvent> box = outbox.get(p);
            box.add(WireEvent.newBuilder().setTime(time).setSender(sender)
                    .setSequence(order & Component.MAX_SEQUENCE).setTarget(target).setPort(port)
                    .setPayload(Payloads.wrap(payload, setup.platform().id(sender))).build());
            if (time < earliestSent) earliestSent = time;
            if (box.size() >= setup.settings().chunkEvents()) shipChunk(p);
        }
    }
}
