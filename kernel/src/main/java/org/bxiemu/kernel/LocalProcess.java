package org.bxiemu.kernel;

import java.util.TreeMap;

/** This node's view of a process for the kernel's own purposes: its files and its UITT. */
final class LocalProcess {
    static final int UITT_SIZE = 256;

    final int pid;
    final TreeMap<Integer, OpenFile> files = new TreeMap<>();
    final TreeMap<Integer, OpenFile.UintrFd> uitt = new TreeMap<>();
    private int nextFd = 3;

    LocalProcess(int pid) {
        this.pid = pid;
    }

    int open(OpenFile file) {
        int fd = nextFd++;
        files.put(fd, file);
        return fd;
    }

    /** The lowest free UITT index, or -1 when the table is full. */
    int freeUittIndex() {
        for (int i = 0; i < UITT_SIZE; i++) {
            if (!uitt.containsKey(i)) return i;
        }
        return -1;
    }
}
