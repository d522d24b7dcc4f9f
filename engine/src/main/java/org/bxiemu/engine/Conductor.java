package org.bxiemu.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.bxiemu.engine.stats.Digest;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.ConductorMessage;
import org.bxiemu.protocol.engine.Finish;
import org.bxiemu.protocol.engine.PartitionDirectory;
import org.bxiemu.protocol.engine.PartitionMessage;
import org.bxiemu.protocol.engine.PartitionResult;
import org.bxiemu.protocol.engine.RegisterPartition;
import org.bxiemu.protocol.engine.StartWindow;
import org.bxiemu.protocol.engine.TraceSpan;
import org.bxiemu.protocol.engine.WindowDone;

/**
 * One per run, on the first JVM. Gathers the partitions, then repeats: wait for every partition's
 * WindowDone, take the earliest pending time anywhere as the next window's start (idle stretches
 * cost nothing), and tell each partition how many chunks it must receive before starting.
 * At the end it collects statistics, checks that every event sent was received, and computes
 * the digest.
 */
public final class Conductor extends AbstractBehavior<Conductor.Command> {

    public sealed interface Command {}

    /** A wire message from a partition (possibly on another JVM). */
    public record Wire(ConductorMessage message) implements Command, WireEnvelope {}

    /** A JVM of the run is gone (its process exited or its cluster member was removed). */
    public record JvmLost(int jvm, String detail) implements Command {}

    /** Every JVM of the run is an Up member of the cluster. */
    public record ClusterFormed(int members) implements Command {}

    /** A cluster member left, was downed or became unreachable: if it hosts partitions, its JVM is lost. */
    public record MemberRemoved(String address, String how) implements Command {}

    /** Wall-clock deadline for every partition to register; failure detection only. */
    record RegistrationDeadline(int seconds) implements Command {}

    private final RunSetup setup;
    private final int partitions;
    private final CompletableFuture<RunResult> outcome;
    private final RunProgress progress;
    private final String[] refs;
    private final List<ActorRef<Partition.Command>> partitionRefs = new ArrayList<>();
    private int registered;
    private final int[] jvmOfPartition;
    private int clusterMembers;

    private long window = -1;
    private int done;
    private long nextTime;
    private final int[] expected;
    private long events;
    private long lastEventTime = -1;
    private long virtualStart;
    /** The virtual time the progress line last showed (a lone partition reports inside its window). */
    private long progressTime;
    private long wallStart;
    private double wallSeconds;
    private final List<PartitionResult> results = new ArrayList<>();
    /** The last checkpoint number whose time the windows passed, and the one awaiting its manifest. */
    private long lastCheckpoint;
    private long manifestDue;

    private Conductor(ActorContext<Command> context, RunSetup setup, CompletableFuture<RunResult> outcome,
            RunProgress progress) {
        super(context);
        this.setup = setup;
        this.partitions = setup.map().partitions();
        this.outcome = outcome;
        this.progress = progress;
        this.refs = new String[partitions];
        this.expected = new int[partitions];
        this.jvmOfPartition = new int[partitions];
        CheckpointFiles.Loaded resume = setup.checkpoints().resume();
        if (resume != null && resume.restores()) {
            // the run's last event may be one handled before the checkpoint (events count this process's work)
            for (CheckpointFiles.ComponentState c : resume.components().values()) {
                if (c.eventsHandled() > 0) lastEventTime = Math.max(lastEventTime, c.now());
            }
            lastCheckpoint = resume.number();
        }
    }

    public static Behavior<Command> create(RunSetup setup, CompletableFuture<RunResult> outcome, RunProgress progress) {
        return Behaviors.setup(ctx -> new Conductor(ctx, setup, outcome, progress));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wire.class, this::onWire)
                .onMessage(JvmLost.class, this::onJvmLost)
                .onMessage(RegistrationDeadline.class, this::onRegistrationDeadline)
                .onMessage(ClusterFormed.class, this::onClusterFormed)
                .onMessage(MemberRemoved.class, this::onMemberRemoved)
                .build();
    }

    private Behavior<Command> onWire(Wire wire) {
        if (outcome.isDone()) return this;
        ConductorMessage m = wire.message();
        switch (m.getKindCase()) {
            case REGISTER -> onRegister(m.getRegister());
            case DONE -> onWindowDone(m.getDone());
            case RESULT -> onResult(m.getResult());
            case FAILURE -> {
                if (m.getFailure().getJobFailed()) outcome.completeExceptionally(new JobFailedException(m.getFailure().getReason()));
                else fail(m.getFailure().getReason());
            }
            case PROGRESS -> onProgress(m.getProgress());
            case READY, KIND_NOT_SET -> fail("unexpected message to the conductor: " + m.getKindCase());
        }
        return this;
    }

    private Behavior<Command> onJvmLost(JvmLost lost) {
        if (!outcome.isDone()) {
            // every event before the current window's start was processed on every JVM
            long reached = Math.max(0, virtualStart);
            outcome.completeExceptionally(new JvmLostException("JVM " + lost.jvm() + " lost (" + lost.detail()
                    + ") at virtual time " + Durations.format(reached), reached, events, Math.max(0, window)));
        }
        return this;
    }

    private Behavior<Command> onRegistrationDeadline(RegistrationDeadline deadline) {
        if (window < 0 && !outcome.isDone()) {
            fail(registered + " of " + partitions + " partitions registered and " + clusterMembers + " of "
                    + setup.map().jvms() + " JVMs joined the cluster within " + deadline.seconds()
                    + " s (engine.jvm-start-timeout); a JVM failed to start");
        }
        return this;
    }

    private Behavior<Command> onClusterFormed(ClusterFormed formed) {
        clusterMembers = formed.members();
        if (!outcome.isDone()) startWhenReady();
        return this;
    }

    private Behavior<Command> onMemberRemoved(MemberRemoved removed) {
        if (outcome.isDone()) return this;
        ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
        for (int p = 0; p < partitions; p++) {
            if (refs[p] != null && resolver.resolveActorRef(refs[p]).path().address().toString().equals(removed.address())) {
                return onJvmLost(new JvmLost(jvmOfPartition[p], "cluster member " + removed.address() + " " + removed.how()));
            }
        }
        return this;
    }

    private void onRegister(RegisterPartition r) {
        if (refs[r.getPartition()] == null) registered++;
        refs[r.getPartition()] = r.getActorRef();
        jvmOfPartition[r.getPartition()] = r.getJvm();
        startWhenReady();
    }

    /** Starts once every partition registered and, on several JVMs, the cluster has formed. */
    private void startWhenReady() {
        if (registered < partitions || window >= 0) return;
        if (setup.map().jvms() > 1 && clusterMembers < setup.map().jvms()) return;
        ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
        PartitionDirectory directory = PartitionDirectory.newBuilder().addAllActorRefs(Arrays.asList(refs))
                .setCheckpointRun(CheckpointFiles.runId(setup.checkpoints().runDescription())).build();
        for (String ref : refs) partitionRefs.add(resolver.resolveActorRef(ref));
        window = 0;
        nextTime = Long.MAX_VALUE;
        wallStart = System.nanoTime();
        getContext().getLog().info("starting: {} components in {} partitions on {} JVM(s) ({} cluster members);"
                + " global lookahead {}, local lookahead {}, fusion {}, end at {}", setup.platform().size(), partitions,
                setup.map().jvms(), clusterMembers, org.bxiemu.engine.units.Durations.format(setup.lookahead().global()),
                org.bxiemu.engine.units.Durations.format(setup.lookahead().local()),
                setup.settings().fusion() ? "on" : "off", org.bxiemu.engine.units.Durations.format(setup.endTime()));
        tellAll(PartitionMessage.newBuilder().setDirectory(directory).build());
    }

    /** A partition's account inside a long window: the progress line moves on (results do not depend on it). */
    private void onProgress(org.bxiemu.protocol.engine.PartitionProgress p) {
        if (p.getWindow() != window || partitions != 1) return; // several partitions report at each window's end
        progressTime = Math.max(progressTime, p.getVirtualTime());
        progress.windowDone(window, progressTime, events + p.getEventsInWindow());
    }

    private void onWindowDone(WindowDone d) {
        if (d.getWindow() != window) {
            fail("partition " + d.getPartition() + " reported window " + d.getWindow() + " during window " + window);
            return;
        }
        done++;
        nextTime = Math.min(nextTime, Math.min(d.getNextTime(), d.getEarliestSent()));
        for (int q = 0; q < partitions; q++) expected[q] += d.getChunksTo(q);
        events += d.getEventsProcessed();
        lastEventTime = Math.max(lastEventTime, d.getLastEventTime());
        if (done < partitions) return;
        progressTime = Math.max(progressTime, virtualStart);
        progress.windowDone(window, Math.max(0, progressTime), events);
        done = 0;
        if (manifestDue > 0) completeCheckpoint();
        if (outcome.isDone()) return;
        if (nextTime >= setup.endTime()) {
            wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            for (int q = 0; q < partitions; q++) {
                partitionRefs.get(q).tell(new Partition.Wire(PartitionMessage.newBuilder().setFinish(Finish.newBuilder()
                        .setVirtualTime(lastEventTime).setWindow(window).setExpectedChunks(expected[q])).build()));
                expected[q] = 0;
            }
            return;
        }
        window++;
        virtualStart = nextTime;
        long end = Math.min(setup.endTime(), Partition.saturatingAdd(nextTime, setup.lookahead().global()));
        Checkpointing ck = setup.checkpoints();
        if (ck.cutsWindows()) {
            end = Math.min(end, ck.nextTimeAfter(nextTime)); // no window straddles a checkpoint time
            long number = nextTime / ck.every();
            if (number > lastCheckpoint) {
                lastCheckpoint = number;
                if (ck.writes(number)) manifestDue = number; // partitions write before running this window
            }
        }
        for (int q = 0; q < partitions; q++) {
            partitionRefs.get(q).tell(new Partition.Wire(PartitionMessage.newBuilder().setStart(StartWindow.newBuilder()
                    .setWindow(window).setStart(nextTime).setEnd(end).setExpectedChunks(expected[q])).build()));
            expected[q] = 0;
        }
        nextTime = Long.MAX_VALUE;
    }

    /** Every partition reported the window it wrote its checkpoint file before: the manifest completes it. */
    private void completeCheckpoint() {
        Checkpointing ck = setup.checkpoints();
        long number = manifestDue;
        manifestDue = 0;
        try {
            CheckpointFiles.writeManifest(ck.directory(), number, number * ck.every(), ck.every(), partitions,
                    setup.map().jvms(), ck.runDescription());
            getContext().getLog().info("checkpoint {} at {} complete", number,
                    org.bxiemu.engine.units.Durations.format(number * ck.every()));
        } catch (java.io.UncheckedIOException e) {
            fail(e.getMessage());
        }
    }

    private void onResult(PartitionResult r) {
        results.add(r);
        if (results.size() < partitions) return;
        results.sort((a, b) -> Integer.compare(a.getPartition(), b.getPartition()));
        long pending = 0;
        long processed = 0;
        long cross = 0;
        List<ComponentStatistics> components = new ArrayList<>();
        List<TraceSpan> spans = new ArrayList<>();
        for (PartitionResult p : results) {
            spans.addAll(p.getSpansList());
            pending += p.getEventsPending();
            processed += p.getEventsProcessed();
            components.addAll(p.getComponentsList());
            for (int q = 0; q < partitions; q++) {
                long sent = p.getEventsSentTo(q);
                long received = results.get(q).getEventsReceivedFrom(p.getPartition());
                if (sent != received) {
                    fail("partition " + p.getPartition() + " sent " + sent + " events to partition " + q
                            + ", which received " + received);
                    return;
                }
                if (q != p.getPartition()) cross += sent;
            }
        }
        components.sort((a, b) -> a.getId().compareTo(b.getId()));
        spans.sort(java.util.Comparator.comparingLong(TraceSpan::getStart).thenComparing(TraceSpan::getComponent)
                .thenComparingLong(TraceSpan::getEnd).thenComparing(TraceSpan::getName));
        getContext().getLog().info("finished: {} events in {} windows ({} events/window), {} cross-partition,"
                + " {} pending, virtual time {}", processed, window, window == 0 ? 0 : processed / Math.max(1, window),
                cross, pending, org.bxiemu.engine.units.Durations.format(Math.max(0, lastEventTime)));
        outcome.complete(new RunResult(Digest.of(components), List.copyOf(components), processed, pending,
                Math.max(0, lastEventTime), window, partitions, setup.map().jvms(), clusterMembers, wallSeconds,
                cross, List.copyOf(spans)));
    }

    private void fail(String reason) {
        outcome.completeExceptionally(new RunFailedException(reason));
    }

    private void tellAll(PartitionMessage message) {
        for (ActorRef<Partition.Command> p : partitionRefs) p.tell(new Partition.Wire(message));
    }
}
