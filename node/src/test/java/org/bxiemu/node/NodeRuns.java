package org.bxiemu.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/** Runs node platforms on this JVM and reads their statistics. */
final class NodeRuns {
    private NodeRuns() {}

    static Config config(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
    }

    static RunResult run(Platform platform, Config config) {
        EngineSettings engine = EngineSettings.from(config).withPartitionsPerJvm(1);
        return Emulation.lead(RunSetup.of(platform, engine, 1, 7, 10 * Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
    }

    /** Counters of component {@code id}. */
    static Map<String, Long> counters(RunResult result, String id) {
        Map<String, Long> out = new TreeMap<>();
        for (ComponentStatistics c : result.components()) {
            if (!c.getId().equals(id)) continue;
            for (Counter k : c.getCountersList()) out.put(k.getName(), k.getValue());
        }
        return out;
    }
}
