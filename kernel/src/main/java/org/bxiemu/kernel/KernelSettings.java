package org.bxiemu.kernel;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Bandwidth;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Sizes;

/** The {@code kernel.*} parameters of reference.conf, parsed and checked (times in ps). */
public record KernelSettings(long entryLatency, Cost syscall, Cost contextSwitch, long timeSlice, boolean wakeupPreemption, Cost wakeup,
        Cost ipiSend, Cost ipiReceive, Cost timerInterrupt, Cost eventfdWrite, Cost eventfdRead, Cost pipeWrite,
        Cost pipeRead, long pipeCapacity, Cost unixSend, Cost unixReceive, long unixCapacity, Bandwidth copyBandwidth,
        Cost signalSend, Cost signalFrame, Cost signalReturn, Cost uintrWaitWake, Cost ringSubmit, Cost ringComplete, long rpcLatency, Cost rpcHandling) {

    public KernelSettings {
        if (entryLatency <= 0) throw new BadInputException("kernel.entry-latency: must be positive");
        if (timeSlice <= 0) throw new BadInputException("kernel.time-slice: must be positive");
        if (pipeCapacity < 1) throw new BadInputException("kernel.pipe.capacity: must be at least 1B");
        if (unixCapacity < 1) throw new BadInputException("kernel.unix-socket.capacity: must be at least 1B");
        if (rpcLatency <= 0) throw new BadInputException("kernel.rpc-latency: must be positive");
    }

    public static KernelSettings from(Config config) {
        Config c = config.getConfig("kernel");
        return new KernelSettings(
                Durations.parse(c.getString("entry-latency"), "kernel.entry-latency"),
                cost(c, "syscall"),
                cost(c, "context-switch"),
                Durations.parse(c.getString("time-slice"), "kernel.time-slice"),
                c.getBoolean("wakeup-preemption"),
                cost(c, "wakeup"),
                cost(c, "ipi-send"),
                cost(c, "ipi-receive"),
                cost(c, "timer-interrupt"),
                cost(c, "eventfd.write"),
                cost(c, "eventfd.read"),
                cost(c, "pipe.write"),
                cost(c, "pipe.read"),
                Sizes.parse(c.getString("pipe.capacity"), "kernel.pipe.capacity"),
                cost(c, "unix-socket.send"),
                cost(c, "unix-socket.receive"),
                Sizes.parse(c.getString("unix-socket.capacity"), "kernel.unix-socket.capacity"),
                Bandwidth.parse(c.getString("copy-bandwidth"), "kernel.copy-bandwidth"),
                cost(c, "signal.send"),
                cost(c, "signal.frame-setup"),
                cost(c, "signal.return"),
                cost(c, "uintr-wait-wake"),
                cost(c, "ring.submit"),
                cost(c, "ring.complete"),
                Durations.parse(c.getString("rpc-latency"), "kernel.rpc-latency"),
                cost(c, "rpc-handling"));
    }

    private static Cost cost(Config c, String key) {
        return Cost.parse(c.getString(key), "kernel." + key);
    }

    /** The cost of copying {@code bytes} between user and kernel memory. */
    public Cost copy(long bytes) {
        return Cost.of(copyBandwidth.serialisation(bytes));
    }
}
