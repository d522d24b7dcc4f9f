package org.bxiemu.node.bench;

import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.protocol.nic.UserInterruptPost;

/**
 * A device on the node's PCIe port that posts user vector {@code vector} to the UPID at
 * {@code upid} every {@code period} ps from {@code start} on, {@code count} times: the device side
 * of the interrupt-forwarding measurement (a NIC does the same for an event queue).
 */
public final class PostingDevice extends Component {
    private record Post(int index) {}

    private final long upid;
    private final int vector;
    private final long start;
    private final long period;
    private final int count;

    public PostingDevice(long upid, int vector, long start, long period, int count) {
        this.upid = upid;
        this.vector = vector;
        this.start = start;
        this.period = period;
        this.count = count;
    }

    @Override
    protected void onStart() {
        if (count > 0) schedule(start, new Post(0));
    }

    @Override
    protected void onEvent(Port port, Object message) {
        if (!(message instanceof Post p)) throw new IllegalStateException(id() + ": unexpected " + message);
        send(port("pcie"), UserInterruptPost.newBuilder().setUpidAddress(upid).setUserVector(vector).build());
        stats().counter("device.posts").add(1);
        if (p.index() + 1 < count) schedule(period, new Post(p.index() + 1));
    }
}
