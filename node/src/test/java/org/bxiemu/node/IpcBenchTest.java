package org.bxiemu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.node.bench.IpcBench;
import org.bxiemu.node.bench.IpcMechanism;
import org.junit.jupiter.api.Test;

/**
 * The calibration check of the core and kernel models (DESIGN §6): the IPC benchmark's one-byte
 * ping-pong, relative to uintr, within 10 % of the Linux uintr RFC's table; and deterministic.
 */
class IpcBenchTest {
    static final int ROUND_TRIPS = 200;

    /** The RFC cover letter's relative latencies (uintr = 1). */
    static final Map<IpcMechanism, Double> RFC = Map.of(
            IpcMechanism.UINTR_BLOCKED, 8.9,
            IpcMechanism.EVENTFD, 9.7,
            IpcMechanism.SIGNAL, 14.8,
            IpcMechanism.PIPE, 16.3,
            IpcMechanism.UNIX_SOCKET, 17.3);

    static RunResult run() {
        Config config = NodeRuns.config("ipc-bench.round-trips = " + ROUND_TRIPS);
        return NodeRuns.run(IpcBench.build(config), config);
    }

    @Test
    void relativeLatenciesMatchTheRfcTableWithinTenPercentAndRunsRepeat() {
        RunResult first = run();
        Map<String, Long> c = NodeRuns.counters(first, NodePlatform.coreId(0, 0));
        double base = c.get(IpcMechanism.UINTR.counter());
        assertTrue(base > 0);
        StringBuilder table = new StringBuilder();
        for (IpcMechanism m : IpcMechanism.values()) {
            table.append(String.format("%s %.1f ns %.2f%n", m.key(), c.get(m.counter()) / (2.0 * ROUND_TRIPS) / 1000,
                    c.get(m.counter()) / base));
        }
        for (var e : RFC.entrySet()) {
            double relative = c.get(e.getKey().counter()) / base;
            assertEquals(e.getValue(), relative, 0.10 * e.getValue(), e.getKey().key() + " (table:\n" + table + ")");
        }
        assertEquals(first.digest(), run().digest(), "a run is a pure function of configuration and seed");
    }
}
