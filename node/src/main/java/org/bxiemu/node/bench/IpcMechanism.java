package org.bxiemu.node.bench;

/** The notification mechanisms of the IPC benchmark, in the order of the uintr RFC's table. */
public enum IpcMechanism {
    UINTR("uintr"),
    UINTR_BLOCKED("uintr_blocked"),
    EVENTFD("eventfd"),
    SIGNAL("signal"),
    PIPE("pipe"),
    UNIX_SOCKET("unix_socket");

    private final String key;

    IpcMechanism(String key) {
        this.key = key;
    }

    /** The name in the benchmark's output and JSON. */
    public String key() {
        return key;
    }

    public String counter() {
        return "ipc." + key + ".round-trip-ps";
    }
}
