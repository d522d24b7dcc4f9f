package org.bxiemu.engine.stats;

import java.util.TreeMap;
import org.bxiemu.protocol.engine.ComponentStatistics;

/**
 * The statistics of one component. Names sort deterministically (TreeMap), so the exported
 * form, and hence the run digest, never depends on registration order or hashing.
 */
public final class Statistics {
    private final TreeMap<String, Counter> counters = new TreeMap<>();
    private final TreeMap<String, Histogram> histograms = new TreeMap<>();

    public Counter counter(String name) {
        return counters.computeIfAbsent(name, Counter::new);
    }

    public Histogram histogram(String name) {
        return histograms.computeIfAbsent(name, Histogram::new);
    }

    public ComponentStatistics export(String componentId) {
        ComponentStatistics.Builder b = ComponentStatistics.newBuilder().setId(componentId);
        counters.values().forEach(c -> b.addCounters(
                org.bxiemu.protocol.engine.Counter.newBuilder().setName(c.name()).setValue(c.value())));
        histograms.values().forEach(h -> {
            org.bxiemu.protocol.engine.Histogram.Builder hb = org.bxiemu.protocol.engine.Histogram.newBuilder()
                    .setName(h.name()).setCount(h.count()).setSum(h.sum()).setMin(h.min()).setMax(h.max());
            for (int i = 0, n = h.usedBuckets(); i < n; i++) hb.addBuckets(h.bucket(i));
            b.addHistograms(hb);
        });
        return b.build();
    }
}
