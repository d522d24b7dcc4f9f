package org.bxiemu.launcher;

import java.util.concurrent.Callable;
import org.bxiemu.engine.Emulation;
import org.bxiemu.launcher.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A child JVM of a multi-JVM run, started by the leader (never by hand): rebuilds the leader's
 * experiment from its configuration layer, hosts this JVM's partitions, and exits when the
 * leader closes its standard input.
 */
@Command(name = ChildCommand.NAME, hidden = true, description = "Internal: a child JVM of a run.")
final class ChildCommand implements Callable<Integer> {
    static final String NAME = "_child";

    @Option(names = "--jvm", required = true)
    int jvm;

    @Option(names = "--jvms", required = true)
    int jvms;

    @Option(names = "--conductor", required = true)
    String conductor;

    @Option(names = "--config", required = true)
    String config;

    /** Where this run writes its checkpoints (engine.checkpoint-every), if it does. */
    @Option(names = "--checkpoint-dir")
    java.nio.file.Path checkpointDir;

    /** The checkpoint a resumed run continues from. */
    @Option(names = "--checkpoint-resume")
    java.nio.file.Path checkpointResume;

    @Override
    public Integer call() {
        Experiment experiment = Experiment.prepare(ConfigLoader.fromJson(config), jvms);
        long every = org.bxiemu.engine.Checkpointing.every(experiment.config());
        if (every > 0) {
            experiment = experiment.withCheckpoints(new org.bxiemu.engine.Checkpointing(every, checkpointDir,
                    checkpointResume == null ? null : org.bxiemu.engine.CheckpointFiles.load(checkpointResume), null));
        }
        Emulation.follow(experiment.setup(), jvm, conductor, System.in);
        return Main.OK;
    }
}
