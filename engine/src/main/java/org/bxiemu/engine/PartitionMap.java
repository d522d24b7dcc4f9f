package org.bxiemu.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which partition hosts which component. Groups (a node and its parts, or a leaf switch with
 * its nodes) are never split. Groups are dealt in order of their first component's index, each
 * to the partition holding the fewest components so far (the lowest on a tie): equal groups
 * alternate, so a job on the first nodes of a large fabric is spread over every partition
 * rather than landing in the first one (contiguous blocks left one of two partitions with
 * nothing but spine switches for a 4,096-rank job). Deterministic: every JVM computes the same map.
 */
public final class PartitionMap {
    private final int partitions;
    private final int jvms;
    private final int[] partitionOf;
    /** Each component's group, numbered in platform order. */
    private final int[] groupOf;

    public PartitionMap(Platform platform, int jvms, int partitionsPerJvm) {
        this.jvms = jvms;
        this.partitions = jvms * partitionsPerJvm;
        Map<String, Integer> groupOrder = new LinkedHashMap<>();
        java.util.List<Integer> groupSize = new java.util.ArrayList<>();
        groupOf = new int[platform.size()];
        for (int i = 0; i < platform.size(); i++) {
            int g = groupOrder.computeIfAbsent(platform.component(i).group(), k -> groupOrder.size());
            if (g == groupSize.size()) groupSize.add(0);
            groupSize.set(g, groupSize.get(g) + 1);
            groupOf[i] = g;
        }
        int[] partitionOfGroup = new int[groupSize.size()];
        long[] load = new long[partitions];
        for (int g = 0; g < partitionOfGroup.length; g++) {
            int lightest = 0;
            for (int q = 1; q < partitions; q++) {
                if (load[q] < load[lightest]) lightest = q;
            }
            partitionOfGroup[g] = lightest;
            load[lightest] += groupSize.get(g);
        }
        partitionOf = new int[platform.size()];
        for (int i = 0; i < platform.size(); i++) partitionOf[i] = partitionOfGroup[groupOf[i]];
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

    /** Each component's group number, by component index (groups numbered in platform order). */
    int[] groupOfArray() {
        return groupOf;
    }
}
