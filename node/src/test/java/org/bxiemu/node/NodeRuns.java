package org.bxiemu.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Script.Action;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.ThreadProgram;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/**
 * Runs node platforms on this JVM and reads their statistics; {@link Rig} builds the tiny
 * one-node (or several-node) platforms the tests use: a boot process whose threads are pinned to
 * cores and run programs made of {@link Script} actions. Programs record what they observe with
 * {@code api.count(...)} in their core's statistics ({@link #mark}, {@link #tally}).
 */
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

    // ---- program helpers ----------------------------------------------------------------------------

    /** Records the current virtual time in counter {@code name} (adds it: record each name once). */
    static Action mark(String name) {
        return Script.run(api -> api.count(name, api.now()));
    }

    /** Adds 1 to counter {@code name}. */
    static Action tally(String name) {
        return Script.run(api -> api.count(name, 1));
    }

    static Action step(Step step) {
        return Script.step(step);
    }

    static Action compute(long ps) {
        return Script.step(new Step.Compute(ps));
    }

    /** Stores 1 to the shared word {@code address} (a flag another thread waits for). */
    static Action raise(long address) {
        return Script.step(new Step.Store(address, 1));
    }

    /** Waits (polling) until the shared word {@code address} is 1. */
    static Action awaitFlag(long address) {
        return Script.step(new Step.WaitWord(address, v -> v == 1));
    }

    // ---- platforms ----------------------------------------------------------------------------------

    /** The settings a rig's config gives, to derive expected times from the configured costs. */
    record Model(NodeSettings node, CoreSettings core, KernelSettings kernel) {
        static Model of(Config config) {
            return new Model(NodeSettings.from(config), CoreSettings.from(config), KernelSettings.from(config));
        }

        long ps(Cost cost) {
            return cost.on(core.frequency());
        }

        long cycles(long cycles) {
            return Cost.ofCycles(cycles).on(core.frequency());
        }
    }

    /** A platform of {@code nodes} nodes; node 0 boots one process with the threads added by {@link #thread}. */
    static final class Rig {
        final Config config;
        final Model model;
        private final ProgramRegistry programs = new ProgramRegistry();
        private final List<ThreadSpec> boot = new ArrayList<>();
        private int nodes = 1;
        private int names;

        Rig(String overrides) {
            this.config = config(overrides);
            this.model = Model.of(config);
        }

        Rig() {
            this("");
        }

        /** A boot thread pinned to {@code core} of node 0 that runs {@code program} (made when it starts). */
        Rig thread(int core, Supplier<ThreadProgram> program) {
            String name = "t" + names++;
            programs.register(name, (tid, pid, spec) -> program.get());
            boot.add(new ThreadSpec(name, new byte[0], core));
            return this;
        }

        /** A boot thread running {@code actions} then exit(0). */
        Rig thread(int core, Action... actions) {
            return thread(core, () -> Script.program(actions));
        }

        /** A program other threads can spawn by name. */
        Rig program(String name, Supplier<ThreadProgram> program) {
            programs.register(name, (tid, pid, spec) -> program.get());
            return this;
        }

        Rig nodes(int n) {
            this.nodes = n;
            return this;
        }

        Platform platform() {
            NodePlatform.Settings s = new NodePlatform.Settings(model.node(), model.core(), model.kernel());
            Platform.Builder b = Platform.builder();
            for (int n = 0; n < nodes; n++) {
                List<BootProcess> processes = n == 0 && !boot.isEmpty()
                        ? List.of(new BootProcess("test", List.copyOf(boot))) : List.of();
                NodePlatform.addNode(b, n, NodePlatform.nodeId(n), s, programs, processes, null, 0);
            }
            NodePlatform.connectKernels(b, nodes, s);
            return b.build();
        }

        Run run() {
            return new Run(NodeRuns.run(platform(), config));
        }
    }

    /** A finished run and its counters. */
    record Run(RunResult result) {
        Map<String, Long> core(int node, int core) {
            return counters(result, NodePlatform.coreId(node, core));
        }

        long core(int node, int core, String counter) {
            return core(node, core).getOrDefault(counter, 0L);
        }

        /** Counter {@code counter} of core {@code core} of node 0. */
        long core(int core, String counter) {
            return core(0, core, counter);
        }

        long kernel(int node, String counter) {
            return counters(result, NodePlatform.kernelId(node)).getOrDefault(counter, 0L);
        }

        long hub(int node, String counter) {
            return counters(result, NodePlatform.hubId(node)).getOrDefault(counter, 0L);
        }
    }
}
