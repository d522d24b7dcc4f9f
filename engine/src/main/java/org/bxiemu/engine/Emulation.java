package org.bxiemu.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.LoggerFactory;

/**
 * Runs a platform: on this JVM alone, or as the leader of N JVMs (this one hosts the Conductor
 * and the first share of partitions, children host the rest), or as one of those children.
 */
public final class Emulation {
    private static final String SYSTEM_NAME = "bxiemu";

    /** Builds the command line of child JVM {@code jvm}, which must end up in {@link #follow}. */
    @FunctionalInterface
    public interface ChildCommand {
        List<String> command(int jvm, String conductorRef);
    }

    /** Observes child JVMs (tests kill one to check failure handling). */
    @FunctionalInterface
    public interface ChildObserver {
        void started(List<Long> pids);

        ChildObserver NONE = pids -> {};
    }

    private Emulation() {}

    public static RunResult lead(RunSetup setup, ChildCommand children, RunProgress progress, ChildObserver observer) {
        int jvms = setup.map().jvms();
        LoggerFactory.getILoggerFactory(); // initialise SLF4J before Pekko to avoid its replay warning
        CompletableFuture<RunResult> outcome = new CompletableFuture<>();
        CompletableFuture<ActorRef<Conductor.Command>> conductorRef = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
            ActorRef<Conductor.Command> conductor = ctx.spawn(Conductor.create(setup, outcome, progress), "conductor");
            if (jvms > 1) ctx.spawn(ClusterWatch.create(jvms, conductor), "cluster-watch");
            spawnPartitions(ctx, setup, 0, conductor);
            conductorRef.complete(conductor);
            return Behaviors.empty();
        }), SYSTEM_NAME, pekkoConfig(jvms > 1));
        try (ChildJvms childJvms = new ChildJvms()) {
            ActorRef<Conductor.Command> conductor = conductorRef.get(30, TimeUnit.SECONDS);
            if (jvms > 1) {
                Cluster cluster = Cluster.get(system);
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
                String ref = ActorRefResolver.get(system).toSerializationFormat(conductor);
                for (int j = 1; j < jvms; j++) {
                    int jvm = j;
                    childJvms.start(jvm, children.command(jvm, ref),
                            detail -> conductor.tell(new Conductor.JvmLost(jvm, detail)));
                }
                observer.started(childJvms.pids());
                watchRegistration(system, conductor, outcome, setup.settings().jvmStartTimeoutSeconds());
            }
            return outcomeOf(outcome);
        } catch (ExecutionException | TimeoutException e) {
            throw new RunFailedException("the actor system did not start within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        } finally {
            system.terminate();
            awaitTermination(system);
        }
    }

    /**
     * A child JVM: host this JVM's partitions until the leader closes our standard input. Returns
     * without waiting for the actor system to stop: the caller exits the JVM, and nothing of a
     * child's state outlives the run (its results went to the leader before the lifeline closed).
     */
    public static void follow(RunSetup setup, int jvm, String conductorRefText, InputStream lifeline) {
        LoggerFactory.getILoggerFactory();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
            ActorRef<Conductor.Command> conductor =
                    ActorRefResolver.get(ctx.getSystem()).resolveActorRef(conductorRefText);
            Address leader = conductor.path().address();
            Cluster.get(ctx.getSystem()).manager().tell(Join.create(leader));
            spawnPartitions(ctx, setup, jvm, conductor);
            return Behaviors.empty();
        }), SYSTEM_NAME, pekkoConfig(true));
        try {
            while (lifeline.read() >= 0) {
                // the leader never writes; end-of-file means it finished or died
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end-of-file
        } finally {
            system.terminate();
        }
    }

    static void spawnPartitions(ActorContext<?> ctx, RunSetup setup, int jvm,
            ActorRef<Conductor.Command> conductor) {
        int perJvm = setup.settings().partitionsPerJvm();
        for (int p = jvm * perJvm; p < (jvm + 1) * perJvm; p++) {
            ctx.spawn(Partition.create(setup, p, conductor, jvm), "partition-" + p,
                    DispatcherSelector.fromConfig("bxiemu.partition-dispatcher"));
        }
    }

    /** Children that never register (they failed to start) must not leave the leader waiting forever. */
    private static void watchRegistration(ActorSystem<Void> system, ActorRef<Conductor.Command> conductor,
            CompletableFuture<RunResult> outcome, int timeoutSeconds) {
        system.scheduler().scheduleOnce(Duration.ofSeconds(timeoutSeconds),
                () -> conductor.tell(new Conductor.RegistrationDeadline(timeoutSeconds)), system.executionContext());
    }

    static Config pekkoConfig(boolean cluster) {
        return pekkoConfig(cluster, Transport.LOOPBACK);
    }

    static Config pekkoConfig(boolean cluster, Transport transport) {
        Config base = ConfigFactory.parseResources(Emulation.class.getClassLoader(), "bxiemu-pekko.conf");
        Config provider = ConfigFactory.parseString("pekko.actor.provider = " + (cluster ? "cluster" : "local"));
        // -D system properties win, so dispatcher settings can be benchmarked without a rebuild
        return ConfigFactory.systemProperties().withFallback(provider).withFallback(transport.pekkoConfig())
                .withFallback(base).withFallback(ConfigFactory.load()).resolve();
    }

    /**
     * The leader of a run across machines: listens at {@code listen} (only there), hosts the
     * Conductor and JVM 0's partitions, and hands JVMs 1..N-1 to the machines that join
     * ({@link #join}); the run starts once all have joined and their partitions registered.
     * {@code waiting} is told the address joiners must use once it is bound.
     */
    public static RunResult leadAcrossMachines(RunSetup setup, Transport listen, String configJson, RunProgress progress,
            java.util.function.Consumer<String> waiting) {
        int jvms = setup.map().jvms();
        LoggerFactory.getILoggerFactory();
        CompletableFuture<RunResult> outcome = new CompletableFuture<>();
        CompletableFuture<ActorRef<Admission.Command>> admissionRef = new CompletableFuture<>();
        CompletableFuture<ActorRef<Conductor.Command>> conductorRef = new CompletableFuture<>();
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
                ActorRef<Conductor.Command> conductor = ctx.spawn(Conductor.create(setup, outcome, progress), "conductor");
                ctx.spawn(ClusterWatch.create(jvms, conductor, true), "cluster-watch");
                spawnPartitions(ctx, setup, 0, conductor);
                String ref = ActorRefResolver.get(ctx.getSystem()).toSerializationFormat(conductor);
                conductorRef.complete(conductor);
                admissionRef.complete(ctx.spawn(Admission.create(jvms, ref, configJson, BuildFingerprint.current()),
                        Admission.NAME));
                return Behaviors.empty();
            }), SYSTEM_NAME, pekkoConfig(true, listen));
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot listen at " + listen.host() + ":" + listen.port() + ": " + rootMessage(e));
        }
        String failure = "";
        try {
            ActorRef<Admission.Command> admission = admissionRef.get(30, TimeUnit.SECONDS);
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            Address self = cluster.selfMember().address();
            waiting.accept(self.host().get() + ":" + self.port().get());
            watchRegistration(system, conductorRef.get(30, TimeUnit.SECONDS), outcome, setup.settings().jvmStartTimeoutSeconds());
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                failure = String.valueOf(e.getCause().getMessage());
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new RunFailedException(String.valueOf(e.getCause()));
            } finally {
                // the joiners end with the run: wait (briefly) until each saw it, so none takes our exit for a loss
                CompletableFuture<Void> released = new CompletableFuture<>();
                admission.tell(new Admission.Release(failure, released));
                try {
                    released.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // a joiner that is gone cannot acknowledge
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        } catch (TimeoutException | ExecutionException e) {
            throw new RunFailedException("the actor system did not start within 30 s");
        } finally {
            system.terminate();
            awaitTermination(system);
        }
    }

    /**
     * A JVM on another machine ({@code bxiemu join}): asks the leader at {@code leader} for its
     * share of the run, builds the run with {@code prepare} from the configuration the leader
     * sends (as a local child does from its command line), hosts its partitions until the run is
     * over. Returns the leader's failure message (empty when the run succeeded).
     */
    public static String join(Transport listen, Transport leader, int timeoutSeconds,
            java.util.function.Function<org.bxiemu.protocol.engine.JoinAssignment, RunSetup> prepare) {
        return join(listen, leader, timeoutSeconds, prepare, BuildFingerprint.current());
    }

    /** {@link #join} claiming build {@code build} (a test joins as another build would). */
    static String join(Transport listen, Transport leader, int timeoutSeconds,
            java.util.function.Function<org.bxiemu.protocol.engine.JoinAssignment, RunSetup> prepare, String build) {
        LoggerFactory.getILoggerFactory();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Address leaderAddress = new Address("pekko", SYSTEM_NAME, leader.host(), leader.port());
        CompletableFuture<ActorRef<Joiner.Command>> joinerRef = new CompletableFuture<>();
        RunSslEngineProvider.clientRefusals = reason -> joinerRef.thenAccept(j -> j.tell(new Joiner.TlsRefused(reason)));
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
                joinerRef.complete(ctx.spawn(Joiner.create(leaderAddress, prepare, outcome, timeoutSeconds, build),
                        "joiner"));
                return Behaviors.empty();
            }), SYSTEM_NAME, pekkoConfig(true, listen));
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot listen at " + listen.host() + ":" + listen.port() + ": " + rootMessage(e));
        }
        try {
            return outcomeOf(outcome);
        } finally {
            RunSslEngineProvider.clientRefusals = reason -> {};
            system.terminate();
            awaitTermination(system);
        }
    }

    /** What a run or a join ended with: its result, or its failure thrown as it was. */
    private static <T> T outcomeOf(CompletableFuture<T> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new RunFailedException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return String.valueOf(t.getMessage()).replace('\n', ' ');
    }

    private static void awaitTermination(ActorSystem<Void> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // shutting down anyway
        }
    }
}
