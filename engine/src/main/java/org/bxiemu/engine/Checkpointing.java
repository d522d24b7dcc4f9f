package org.bxiemu.engine;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.bxiemu.engine.units.Durations;

/**
 * Checkpoints of one run (docs/engine.md, "Checkpoints"): every {@code every} ps of virtual time,
 * at a window boundary, each partition writes its components' fingerprints, state images and
 * logged inputs under {@code directory/<n>/} and the Conductor completes the checkpoint with its
 * manifest. A
 * resumed run carries the checkpoint it continues from ({@code resume}): it restores the images,
 * rebuilds the groups holding code by replaying their logged inputs, and goes on from there; or,
 * when a group has neither, re-executes up to that checkpoint's time, checks that it reached the
 * very state recorded there, and goes on.
 * {@code runDescription} is the launcher's account of the run (command line and configuration),
 * stored in every checkpoint so that {@code resume} can start the same run again.
 */
public record Checkpointing(long every, Path directory, CheckpointFiles.Loaded resume, String runDescription) {
    public static final Checkpointing OFF = new Checkpointing(0, null, null, null);

    public Checkpointing {
        if (every < 0) throw new IllegalArgumentException("negative checkpoint interval");
    }

    /** Whether windows are cut at the checkpoint times (also on a resumed run that writes none). */
    public boolean cutsWindows() {
        return every > 0;
    }

    /** Whether checkpoint {@code number} is to be written by this run. */
    boolean writes(long number) {
        return every > 0 && directory != null && (resume == null || number > resume.number());
    }

    /** The first checkpoint time after {@code time}: windows never straddle one. */
    long nextTimeAfter(long time) {
        return Partition.saturatingAdd((time / every + 1) * every, 0);
    }

    /** {@code engine.checkpoint-every}: a duration, or never (0). */
    public static long every(Config config) {
        String v = config.getString("engine.checkpoint-every");
        if (v.equals("never")) return 0;
        long ps = Durations.parse(v, "engine.checkpoint-every");
        if (ps <= 0) throw new BadInputException("engine.checkpoint-every: must be a positive duration or never, was " + v);
        return ps;
    }
}
