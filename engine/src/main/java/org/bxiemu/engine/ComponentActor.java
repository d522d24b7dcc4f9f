package org.bxiemu.engine;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor of one component. With fusion off it runs each window batch its partition sends
 * and answers when done; with fusion on the partition calls the same code directly on its own
 * thread. Either way one batch runs at a time and no two threads are ever inside a component.
 */
public final class ComponentActor extends AbstractBehavior<ComponentActor.Command> {

    public sealed interface Command {}

    /** Run these events (sorted), and any self-scheduled ones, with time < {@code end}. */
    record RunBatch(EventBuffer events, long end, ActorRef<Partition.Command> replyTo) implements Command {}

    private final ComponentHost host;
    private final int slot;

    private ComponentActor(ActorContext<Command> context, ComponentHost host, int slot) {
        super(context);
        this.host = host;
        this.slot = slot;
    }

    static Behavior<Command> create(ComponentHost host, int slot) {
        return Behaviors.setup(ctx -> new ComponentActor(ctx, host, slot));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(RunBatch.class, this::onRunBatch).build();
    }

    private Behavior<Command> onRunBatch(RunBatch batch) {
        Partition.BatchOutcome outcome;
        try {
            host.runBatch(batch.events(), batch.end());
            outcome = new Partition.BatchDone(slot);
        } catch (RuntimeException e) {
            outcome = new Partition.BatchFailed(slot, e);
        }
        batch.replyTo().tell(outcome);
        return this;
    }
}
