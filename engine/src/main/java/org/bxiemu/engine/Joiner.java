package org.bxiemu.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Subscribe;
import org.bxiemu.protocol.engine.AdmissionMessage;
import org.bxiemu.protocol.engine.JoinAssignment;
import org.bxiemu.protocol.engine.JoinRequest;
import org.bxiemu.protocol.engine.JoinerMessage;

/**
 * A JVM started with {@code bxiemu join}: asks the leader's {@link Admission} for its share of the
 * run (again every second until it hears back), builds the run from the configuration it gets,
 * hosts its partitions, and ends when the leader says the run is over, or fails when the leader
 * is lost, refuses it, or does not answer in time.
 */
public final class Joiner extends AbstractBehavior<Joiner.Command> {

    public sealed interface Command {}

    /** A wire message from the leader. */
    public record Wire(JoinerMessage message) implements Command, WireEnvelope {}

    /** The TLS layer refused the connection to the leader (other keys, or none). */
    record TlsRefused(String reason) implements Command {}

    private record Ask() implements Command {}

    private record GiveUp() implements Command {}

    private record Membership(ClusterEvent.MemberEvent event) implements Command {}

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {}

    private final Address leader;
    private final ActorRef<Admission.Command> admission;
    private final Function<JoinAssignment, RunSetup> prepare;
    private final CompletableFuture<String> outcome;
    private final TimerScheduler<Command> timers;
    private final int timeoutSeconds;
    private final String build;
    private int jvm = -1;

    private Joiner(ActorContext<Command> context, TimerScheduler<Command> timers, Address leader,
            Function<JoinAssignment, RunSetup> prepare, CompletableFuture<String> outcome, int timeoutSeconds,
            String build) {
        super(context);
        this.build = build;
        this.timers = timers;
        this.leader = leader;
        this.prepare = prepare;
        this.outcome = outcome;
        this.timeoutSeconds = timeoutSeconds;
        this.admission = ActorRefResolver.get(context.getSystem())
                .resolveActorRef(leader + "/user/" + Admission.NAME);
        timers.startTimerWithFixedDelay(new Ask(), Duration.ZERO, Duration.ofSeconds(1));
        timers.startSingleTimer(new GiveUp(), Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * @param outcome completes with the leader's failure message (empty when the run succeeded),
     *                or exceptionally when this JVM could not take part or lost the leader
     * @param build   this JVM's {@link BuildFingerprint}, which the leader checks
     */
    static Behavior<Command> create(Address leader, Function<JoinAssignment, RunSetup> prepare,
            CompletableFuture<String> outcome, int timeoutSeconds, String build) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> new Joiner(ctx, timers, leader, prepare, outcome,
                timeoutSeconds, build)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Ask.class, a -> ask())
                .onMessage(GiveUp.class, g -> giveUp())
                .onMessage(TlsRefused.class, this::onTlsRefused)
                .onMessage(Wire.class, this::onWire)
                .onMessage(Membership.class, m -> onLeaderEvent(m.event().member().address(), m.event()
                        instanceof ClusterEvent.MemberRemoved ? "left the cluster" : null))
                .onMessage(Reachability.class, r -> onLeaderEvent(r.event().member().address(), r.event()
                        instanceof ClusterEvent.UnreachableMember ? "became unreachable" : null))
                .build();
    }

    private Behavior<Command> ask() {
        String self = ActorRefResolver.get(getContext().getSystem()).toSerializationFormat(getContext().getSelf());
        admission.tell(new Admission.Wire(AdmissionMessage.newBuilder()
                .setJoinRequest(JoinRequest.newBuilder().setActorRef(self).setBuild(build)).build()));
        return this;
    }

    private Behavior<Command> giveUp() {
        outcome.completeExceptionally(new RunFailedException("no answer from the leader at " + hostPort() + " within "
                + timeoutSeconds + " s: is it running with --listen " + hostPort()
                + ", and if it uses --keys, does this JVM have the same keys?"));
        return Behaviors.stopped();
    }

    private Behavior<Command> onTlsRefused(TlsRefused refused) {
        if (jvm >= 0) return this; // already in the run: a stray connection's failure is not ours
        outcome.completeExceptionally(new BadInputException("the leader at " + hostPort() + " refused this JVM's keys ("
                + refused.reason() + "): join with the run's keys (--keys DIR, made by ./bxiemu keys)"));
        return Behaviors.stopped();
    }

    private Behavior<Command> onWire(Wire wire) {
        JoinerMessage m = wire.message();
        switch (m.getKindCase()) {
            case ASSIGNMENT -> {
                if (jvm < 0) start(m.getAssignment());
            }
            case REFUSED -> {
                if (jvm < 0) {
                    outcome.completeExceptionally(new RunFailedException("the leader at " + hostPort()
                            + " refused this JVM: " + m.getRefused()));
                    return Behaviors.stopped();
                }
            }
            case INCOMPATIBLE -> {
                if (jvm < 0) {
                    outcome.completeExceptionally(new BadInputException("the leader at " + hostPort()
                            + " refused this JVM: " + m.getIncompatible()));
                    return Behaviors.stopped();
                }
            }
            case OVER -> {
                admission.tell(new Admission.Wire(AdmissionMessage.newBuilder().setOverSeen(Math.max(0, jvm)).build()));
                outcome.complete(m.getOver().getFailure());
            }
            case KIND_NOT_SET -> { }
        }
        return this;
    }

    private void start(JoinAssignment a) {
        timers.cancelAll();
        RunSetup setup;
        try {
            setup = prepare.apply(a);
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        jvm = a.getJvm();
        Cluster cluster = Cluster.get(getContext().getSystem());
        cluster.subscriptions().tell(Subscribe.create(getContext().messageAdapter(ClusterEvent.MemberEvent.class,
                Membership::new), ClusterEvent.MemberEvent.class));
        cluster.subscriptions().tell(Subscribe.create(getContext().messageAdapter(ClusterEvent.ReachabilityEvent.class,
                Reachability::new), ClusterEvent.ReachabilityEvent.class));
        cluster.manager().tell(Join.create(leader));
        ActorRef<Conductor.Command> conductor = ActorRefResolver.get(getContext().getSystem())
                .resolveActorRef(a.getConductor());
        Emulation.spawnPartitions(getContext(), setup, jvm, conductor);
    }

    private Behavior<Command> onLeaderEvent(Address member, String what) {
        if (what != null && member.equals(leader) && jvm >= 0) {
            outcome.completeExceptionally(new RunFailedException("lost the leader at " + hostPort() + " (it " + what
                    + ") during the run"));
        }
        return this;
    }

    private String hostPort() {
        return leader.host().getOrElse(() -> "?") + ":" + leader.port().getOrElse(() -> 0);
    }
}
