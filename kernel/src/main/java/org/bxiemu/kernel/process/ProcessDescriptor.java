package org.bxiemu.kernel.process;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot of one node's descriptor of a process: the reference (at the owner) or a copy.
 *
 * @param localThreads live threads of the process on this node
 * @param threadsPerNode reference only (empty in a copy): node to count of live threads there,
 *     nodes with none left out, the owner included when it hosts threads
 * @param copyNodes reference only (empty in a copy): nodes holding a copy
 * @param ending reference only: the process is being destroyed (waiting for copies to go)
 */
public record ProcessDescriptor(
        int pid,
        String name,
        int ownerNode,
        boolean reference,
        SortedSet<Integer> localThreads,
        SortedMap<Integer, Integer> threadsPerNode,
        SortedSet<Integer> copyNodes,
        boolean ending) {

    public ProcessDescriptor {
        localThreads = Collections.unmodifiableSortedSet(new TreeSet<>(localThreads));
        threadsPerNode = Collections.unmodifiableSortedMap(new TreeMap<>(threadsPerNode));
        copyNodes = Collections.unmodifiableSortedSet(new TreeSet<>(copyNodes));
    }

    /** Live threads of the whole process (reference), or of this node (copy). */
    public int liveThreads() {
        return reference
                ? threadsPerNode.values().stream().mapToInt(Integer::intValue).sum()
                : localThreads.size();
    }
}
