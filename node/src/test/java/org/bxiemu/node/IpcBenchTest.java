package org.bxiemu.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.node.bench.IpcBench;
import org.bxiemu.node.bench.IpcMechanism;
import org.junit.jupiter.api.Test;

class IpcBenchTest {
    @Test
    void printsTable() {
        Config config = NodeRuns.config("ipc-bench.round-trips = 100");
        RunResult r = NodeRuns.run(IpcBench.build(config), config);
        Map<String, Long> c = NodeRuns.counters(r, NodePlatform.coreId(0, 0));
        System.out.println(c);
        System.out.println(NodeRuns.counters(r, NodePlatform.coreId(0, 1)));
        System.out.println(NodeRuns.counters(r, NodePlatform.kernelId(0)));
        double base = c.get(IpcMechanism.UINTR.counter());
        for (IpcMechanism m : IpcMechanism.values()) {
            Long v = c.get(m.counter());
            System.out.printf("%s %.1f ns %.2f%n", m.key(), v / 200.0 / 1000, v / base);
        }
        assertTrue(true);
    }
}
