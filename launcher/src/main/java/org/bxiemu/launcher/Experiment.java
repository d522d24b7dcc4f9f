package org.bxiemu.launcher;

import com.typesafe.config.Config;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.launcher.config.ConfigLoader;

/**
 * A run ready to start: the validated configuration, the platform it describes and the engine
 * set-up. The leader builds it from the command line; each child JVM rebuilds the identical one
 * from the leader's configuration layer, so every JVM holds the same platform and partition map.
 */
record Experiment(Config config, RunSetup setup, String userLayerJson) {
    static final int MAX_JVMS = 64;

    /** Whether the run lasts until its end time (progress in percent), or ends when its work does. */
    boolean endKnown() {
        return PlatformKinds.named(config.getString("run.platform")).runsToItsEnd();
    }

    static Experiment prepare(ConfigLoader loader, int jvms) {
        if (jvms < 1 || jvms > MAX_JVMS) throw new BadInputException("--jvms: " + jvms + " is out of range 1.." + MAX_JVMS);
        try {
            Config config = loader.load();
            EngineSettings settings = EngineSettings.from(config);
            checkEveryComponent(config);
            if (!org.bxiemu.engine.faults.FaultPlan.from(config).isEmpty()
                    && !config.getString("run.platform").equals("cluster")) {
                throw new BadInputException("faults: a fault plan needs the cluster platform (MPI jobs, bench osu-*), not "
                        + config.getString("run.platform"));
            }
            PlatformKind kind = PlatformKinds.named(config.getString("run.platform"));
            long seed = config.getLong("run.seed");
            RunSetup setup = RunSetup.of(kind.build(config), settings, jvms, seed, kind.endTime(config));
            // children must use the same partition count even on a machine with another core count
            loader.option("engine.partitions-per-jvm", "engine.partitions-per-jvm",
                    String.valueOf(setup.settings().partitionsPerJvm()));
            return new Experiment(config, setup, loader.userLayerJson());
        } catch (BadInputException | com.typesafe.config.ConfigException e) {
            throw loader.located(e);
        }
    }

    /**
     * Reads every component's settings, whether the platform uses the component or not, so that
     * a wrong unit or value is refused before anything starts even where this run would not look
     * (e.g. switch.* on a cluster without the fabric).
     */
    private static void checkEveryComponent(Config config) {
        org.bxiemu.fabric.FabricSettings.from(config);
        org.bxiemu.nic.NicSettings.from(config);
        org.bxiemu.kernel.KernelSettings.from(config);
        org.bxiemu.node.NodeSettings.from(config);
        org.bxiemu.node.CoreSettings.from(config);
        org.bxiemu.mpi.MpiSettings.from(config);
        org.bxiemu.mpi.osu.OsuParameters.from(config);
    }

    Experiment withCheckpoints(org.bxiemu.engine.Checkpointing checkpoints) {
        return new Experiment(config, setup.withCheckpoints(checkpoints), userLayerJson);
    }

    RunResult run(RunProgress progress, Emulation.ChildObserver observer) {
        return Emulation.lead(setup, this::childCommand, progress, observer);
    }

    private List<String> childCommand(int jvm, String conductorRef) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp")) cmd.add(arg);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add(ChildCommand.NAME);
        cmd.add("--jvm=" + jvm);
        cmd.add("--jvms=" + setup.map().jvms());
        cmd.add("--conductor=" + conductorRef);
        cmd.add("--config=" + userLayerJson);
        org.bxiemu.engine.Checkpointing checkpoints = setup.checkpoints();
        if (checkpoints.directory() != null) cmd.add("--checkpoint-dir=" + checkpoints.directory());
        if (checkpoints.resume() != null) cmd.add("--checkpoint-resume=" + checkpoints.resume().directory());
        return cmd;
    }
}
