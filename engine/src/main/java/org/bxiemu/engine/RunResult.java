package org.bxiemu.engine;

import java.util.List;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.TraceSpan;

/**
 * The outcome of a run that completed: digest, statistics in id order, and engine figures.
 * {@code virtualTime} is the timestamp of the last event processed (deterministic);
 * {@code windows} and {@code wallSeconds} describe the execution, not the emulated system.
 * {@code clusterMembers} is 0 on one JVM (no cluster), else the Up members when windows began.
 * {@code spans} (engine.trace on) are sorted by start, component and name.
 */
public record RunResult(
        String digest,
        List<ComponentStatistics> components,
        long events,
        long pendingEvents,
        long virtualTime,
        long windows,
        int partitions,
        int jvms,
        int clusterMembers,
        double wallSeconds,
        long crossPartitionEvents,
        List<TraceSpan> spans) {

    public long counterSum(String name) {
        long sum = 0;
        for (ComponentStatistics c : components) {
            for (var counter : c.getCountersList()) {
                if (counter.getName().equals(name)) sum += counter.getValue();
            }
        }
        return sum;
    }
}
