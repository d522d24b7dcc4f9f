package org.bxiemu.engine;

import com.typesafe.config.ConfigFactory;
import org.bxiemu.engine.phold.Phold;
import org.bxiemu.engine.phold.PholdParameters;
import org.bxiemu.engine.units.Durations;

/** Runs small PHOLD platforms on this JVM for the engine's tests. */
final class PholdRuns {
    private PholdRuns() {}

    static PholdParameters small(int lps, int population, double remote, long endNs) {
        return new PholdParameters(lps, population, 50 * Durations.NS, 100 * Durations.NS, remote,
                endNs * Durations.NS);
    }

    static RunResult run(PholdParameters p, long seed, int partitions, boolean fusion) {
        EngineSettings settings = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(partitions)
                .withFusion(fusion);
        return run(p, seed, settings);
    }

    static RunResult run(PholdParameters p, long seed, EngineSettings settings) {
        RunSetup setup = RunSetup.of(Phold.platform(p), settings, 1, seed, p.end());
        return Emulation.lead(setup, (jvm, ref) -> {
            throw new AssertionError("single JVM");
        }, RunProgress.NONE, Emulation.ChildObserver.NONE);
    }
}
