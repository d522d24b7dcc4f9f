package org.bxiemu.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which partition hosts which component. Groups (a node and its parts, or a leaf switch with
 * its nodes) are never split; groups are dealt to partitions in contiguous blocks, in order of
 * their first component's index. Deterministic: every JVM computes the same map.
 */
public final class PartitionMap {
    private final int partitions;
    private final int jvms;
    private final int[] partitionOf;

    public PartitionMap(Platform platform, int jvms, int partitionsPerJvm) {
        this.jvms = jvms;
        this.partitions = jvms * partitionsPerJvm;
        Map<String, Integer> groupOrder = new LinkedHashMap<>();
        for (int i = 0; i < platform.size(); i++) {
            groupOrder.putIfAbsent(platform.component(i).group(), groupOrder.size());
        }
        int groups = groupOrder.size();
        partitionOf = new int[platform.size()];
        for (int i = 0; i < platform.size(); i++) {
            int g = groupOrder.get(platform.component(i).group());
            partitionOf[i] = (int) ((long) g * partitions / Math.max(1, groups));
        }
    }

    public int partitions() {
        return partitions;
    }

    public int jvms() {
        return jvms;
    }

    public int partitionOf(int component) {
        return partitionOf[component];
    }

    public int jvmOf(int partition) {
        return partition / (partitions / jvms);
    }

    int[] partitionOfArray() {
        return partitionOf;
    }
}
