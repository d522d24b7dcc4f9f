package org.bxiemu.engine;

import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * On the leader of a multi-JVM run: tells the Conductor when every JVM is an Up member of the
 * cluster (windows start only then), and when a member is removed (a lost JVM, e.g. on another
 * machine, where no process handle can tell). Membership events only: reading the cluster
 * state inside an event handler raced and hung (STACK.md).
 */
public final class ClusterWatch extends AbstractBehavior<ClusterWatch.Command> {

    public sealed interface Command {}

    private record Membership(ClusterEvent.MemberEvent event) implements Command {}

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {}

    private final int expected;
    private final ActorRef<Conductor.Command> conductor;
    private final TreeSet<String> up = new TreeSet<>();
    private boolean formed;

    private ClusterWatch(ActorContext<Command> context, int expected, ActorRef<Conductor.Command> conductor,
            boolean unreachableIsLost) {
        super(context);
        this.expected = expected;
        this.conductor = conductor;
        ActorRef<ClusterEvent.MemberEvent> adapter =
                context.messageAdapter(ClusterEvent.MemberEvent.class, Membership::new);
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(adapter, ClusterEvent.MemberEvent.class));
        if (unreachableIsLost) {
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new),
                    ClusterEvent.ReachabilityEvent.class));
        }
    }

    public static Behavior<Command> create(int expected, ActorRef<Conductor.Command> conductor) {
        return create(expected, conductor, false);
    }

    /**
     * @param unreachableIsLost a member the failure detector finds unreachable is lost at once (runs
     *                          across machines, where no process handle tells of a JVM's death;
     *                          local runs see their children exit instead)
     */
    public static Behavior<Command> create(int expected, ActorRef<Conductor.Command> conductor,
            boolean unreachableIsLost) {
        return Behaviors.setup(ctx -> new ClusterWatch(ctx, expected, conductor, unreachableIsLost));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Membership.class, this::onMembership)
                .onMessage(Reachability.class, this::onReachability).build();
    }

    private Behavior<Command> onReachability(Reachability r) {
        if (r.event() instanceof ClusterEvent.UnreachableMember u) {
            conductor.tell(new Conductor.MemberRemoved(u.member().address().toString(), "unreachable"));
        }
        return this;
    }

    private Behavior<Command> onMembership(Membership m) {
        String address = m.event().member().address().toString();
        if (m.event() instanceof ClusterEvent.MemberUp) {
            up.add(address);
            if (!formed && up.size() >= expected) {
                formed = true;
                conductor.tell(new Conductor.ClusterFormed(up.size()));
            }
        } else if (m.event() instanceof ClusterEvent.MemberRemoved) {
            up.remove(address);
            conductor.tell(new Conductor.MemberRemoved(address, "removed"));
        }
        return this;
    }
}
