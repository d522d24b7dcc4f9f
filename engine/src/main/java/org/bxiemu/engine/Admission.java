package org.bxiemu.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.bxiemu.protocol.engine.AdmissionMessage;
import org.bxiemu.protocol.engine.JoinAssignment;
import org.bxiemu.protocol.engine.JoinerMessage;
import org.bxiemu.protocol.engine.RunOver;

/**
 * On the leader of a run across machines ({@code run --listen --expect N}): hands each JVM that
 * joins what a local child JVM gets on its command line (its index, the run's size, the
 * Conductor and the configuration layer), in order of arrival, and tells the joiners when the
 * run is over. Which machine gets which index does not change results: the partition map and
 * the digest do not depend on where a partition runs. A JVM running another bxiemu build (its
 * {@link BuildFingerprint} differs) is refused: it could speak another wire format or model the
 * machine otherwise.
 */
public final class Admission extends AbstractBehavior<Admission.Command> {
    /** The path joiners address: {@code pekko://bxiemu@HOST:PORT/user/admission}. */
    public static final String NAME = "admission";

    public sealed interface Command {}

    /** A wire message from a joiner (on another machine). */
    public record Wire(AdmissionMessage message) implements Command, WireEnvelope {}

    /** The run ended (failure empty when it succeeded): tell every joiner; done when all saw it. */
    record Release(String failure, CompletableFuture<Void> done) implements Command {}

    private final int jvms;
    private final String conductor;
    private final String configJson;
    private final String build;
    private final Map<String, Integer> assigned = new LinkedHashMap<>();
    private final TreeSet<Integer> sawTheEnd = new TreeSet<>();
    private Release release;

    private Admission(ActorContext<Command> context, int jvms, String conductor, String configJson, String build) {
        super(context);
        this.jvms = jvms;
        this.conductor = conductor;
        this.configJson = configJson;
        this.build = build;
    }

    /** @param build the leader's {@link BuildFingerprint}: joiners must have the same */
    static Behavior<Command> create(int jvms, String conductor, String configJson, String build) {
        return Behaviors.setup(ctx -> new Admission(ctx, jvms, conductor, configJson, build));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Wire.class, this::onWire).onMessage(Release.class, this::onRelease).build();
    }

    private Behavior<Command> onWire(Wire wire) {
        AdmissionMessage m = wire.message();
        switch (m.getKindCase()) {
            case JOIN -> incompatible(m.getJoin(), "it runs an older bxiemu build, which does not say which it is");
            case JOIN_REQUEST -> {
                String theirs = m.getJoinRequest().getBuild();
                if (theirs.equals(build)) onJoin(m.getJoinRequest().getActorRef());
                else incompatible(m.getJoinRequest().getActorRef(), "it runs bxiemu build "
                        + BuildFingerprint.shortForm(theirs) + ", the run's is " + BuildFingerprint.shortForm(build));
            }
            case OVER_SEEN -> {
                sawTheEnd.add(m.getOverSeen());
                if (release != null && sawTheEnd.size() >= assigned.size()) release.done().complete(null);
            }
            case KIND_NOT_SET -> { }
        }
        return this;
    }

    private void onJoin(String joinerRef) {
        ActorRef<Joiner.Command> joiner = ActorRefResolver.get(getContext().getSystem()).resolveActorRef(joinerRef);
        if (release != null) {
            joiner.tell(new Joiner.Wire(JoinerMessage.newBuilder()
                    .setOver(RunOver.newBuilder().setFailure(release.failure())).build()));
            return;
        }
        Integer jvm = assigned.get(joinerRef); // a joiner asks again until it hears back
        if (jvm == null) {
            if (assigned.size() + 1 >= jvms) {
                getContext().getLog().warn("refused a JVM at {}: the run already has its {} JVMs",
                        joiner.path().address(), jvms);
                joiner.tell(new Joiner.Wire(JoinerMessage.newBuilder()
                        .setRefused("the run already has its " + jvms + " JVMs").build()));
                return;
            }
            jvm = assigned.size() + 1;
            assigned.put(joinerRef, jvm);
            getContext().getLog().info("JVM {} of {} joined from {}", jvm, jvms, joiner.path().address());
        }
        joiner.tell(new Joiner.Wire(JoinerMessage.newBuilder().setAssignment(JoinAssignment.newBuilder()
                .setJvm(jvm).setJvms(jvms).setConductor(conductor).setConfigJson(configJson)).build()));
    }

    private void incompatible(String joinerRef, String why) {
        ActorRef<Joiner.Command> joiner = ActorRefResolver.get(getContext().getSystem()).resolveActorRef(joinerRef);
        getContext().getLog().warn("refused a JVM at {}: {}", joiner.path().address(), why);
        joiner.tell(new Joiner.Wire(JoinerMessage.newBuilder().setIncompatible(why
                + " (join with the leader's build: the same bxiemu sources, built alike)").build()));
    }

    private Behavior<Command> onRelease(Release r) {
        release = r;
        ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
        for (String ref : assigned.keySet()) {
            resolver.<Joiner.Command>resolveActorRef(ref).tell(new Joiner.Wire(JoinerMessage.newBuilder()
                    .setOver(RunOver.newBuilder().setFailure(r.failure())).build()));
        }
        if (sawTheEnd.size() >= assigned.size()) r.done().complete(null);
        return this;
    }
}
