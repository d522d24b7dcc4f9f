package org.bxiemu.kernel.process;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bxiemu.kernel.process.ProcessEffect.SendRpc;
import org.bxiemu.protocol.kernel.KernelRpc;

/**
 * One ProcessManager per node and a FIFO of kernel-to-kernel messages between them: SendRpc
 * effects are queued and delivered to the target's onRpc; every effect is logged per node.
 */
final class Network {
    /** A message in flight. */
    record Message(int from, int to, KernelRpc rpc) {}

    /** An effect and the node that produced it. */
    record Logged(int node, ProcessEffect effect) {}

    private final TreeMap<Integer, ProcessManager> nodes = new TreeMap<>();
    private final LinkedList<Message> inFlight = new LinkedList<>();
    private final List<Logged> log = new ArrayList<>();
    private final List<Message> delivered = new ArrayList<>();

    Network(int nodeCount) {
        for (int n = 0; n < nodeCount; n++) {
            nodes.put(n, new ProcessManager(n));
        }
    }

    ProcessManager node(int n) {
        return nodes.get(n);
    }

    /** Logs the effects {@code node} returned and queues its messages; returns them. */
    List<ProcessEffect> apply(int node, List<ProcessEffect> effects) {
        for (ProcessEffect e : effects) {
            log.add(new Logged(node, e));
            if (e instanceof SendRpc s) {
                inFlight.add(new Message(node, s.toNode(), s.rpc()));
            }
        }
        return effects;
    }

    /** Delivers the oldest message; false if none. */
    boolean step() {
        return deliverFirst(m -> true);
    }

    /** Delivers the oldest message matching {@code which}; false if none. */
    boolean deliverFirst(Predicate<Message> which) {
        Iterator<Message> it = inFlight.iterator();
        while (it.hasNext()) {
            Message m = it.next();
            if (which.test(m)) {
                it.remove();
                delivered.add(m);
                apply(m.to(), nodes.get(m.to()).onRpc(m.rpc()));
                return true;
            }
        }
        return false;
    }

    /** Delivers until nothing is in flight; returns how many messages were delivered. */
    int drain() {
        int count = 0;
        while (step()) {
            count++;
        }
        return count;
    }

    List<Message> inFlight() {
        return List.copyOf(inFlight);
    }

    /** Every message delivered so far, in delivery order. */
    List<Message> delivered() {
        return List.copyOf(delivered);
    }

    long delivered(KernelRpc.BodyCase kind) {
        return delivered.stream().filter(m -> m.rpc().getBodyCase() == kind).count();
    }

    List<Logged> log() {
        return List.copyOf(log);
    }

    /** The effects of one kind {@code node} produced so far, in order. */
    <T extends ProcessEffect> List<T> effects(int node, Class<T> kind) {
        return log.stream()
                .filter(l -> l.node() == node && kind.isInstance(l.effect()))
                .map(l -> kind.cast(l.effect()))
                .toList();
    }
}
