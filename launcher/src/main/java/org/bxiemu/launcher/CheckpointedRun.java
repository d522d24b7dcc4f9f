package org.bxiemu.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.CheckpointFiles;
import org.bxiemu.engine.Checkpointing;

/**
 * The launcher's side of checkpoints (docs/engine.md, "Checkpoints"): a run with
 * engine.checkpoint-every gets its results directory at its start, with {@code checkpoints/}
 * inside, and every checkpoint records the command line and configuration (run.json) so that
 * {@code ./bxiemu resume} can start the same run again; a resumed run checks that its
 * configuration is the checkpointed one and writes its results into the same directory.
 */
final class CheckpointedRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointedRun() {}

    /** A run as its checkpoints record it. */
    record Description(List<String> args, String config, String version) {}

    /** The experiment with its checkpoints set up, and the run's directory (null: no checkpoints). */
    record Prepared(Experiment experiment, Path runDir) {}

    static Prepared prepare(Experiment experiment, Path out, String runDirName, List<String> args, Path resumeFrom) {
        long every = Checkpointing.every(experiment.config());
        if (resumeFrom != null) {
            CheckpointFiles.Loaded checkpoint = CheckpointFiles.load(resumeFrom);
            Description then = parse(checkpoint.runDescription(), resumeFrom);
            if (!comparable(then.config()).equals(comparable(experiment.userLayerJson()))) {
                throw new BadInputException("resume: the configuration differs from the one checkpoint "
                        + resumeFrom + " was written with (were its files changed?)");
            }
            Path root = resumeFrom.getParent();
            Checkpointing c = new Checkpointing(every, root, checkpoint, checkpoint.runDescription());
            return new Prepared(experiment.withCheckpoints(c), root.getParent());
        }
        if (every == 0) return new Prepared(experiment, null);
        Path runDir = unique(out, runDirName);
        try {
            Files.createDirectories(runDir.resolve("checkpoints"));
        } catch (IOException e) {
            throw new BadInputException("--checkpoint-every: cannot create " + runDir + "/checkpoints: " + e.getMessage());
        }
        Checkpointing c = new Checkpointing(every, runDir.resolve("checkpoints"), null,
                describe(args, experiment.userLayerJson()));
        return new Prepared(experiment.withCheckpoints(c), runDir);
    }

    static String describe(List<String> args, String configLayer) {
        ObjectNode d = JSON.createObjectNode();
        d.put("format", 1);
        d.set("args", JSON.valueToTree(args));
        d.put("config", configLayer);
        d.put("bxiemu", Version.current());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Description parse(String runJson, Path checkpoint) {
        try {
            JsonNode d = JSON.readTree(runJson);
            List<String> args = new ArrayList<>();
            d.get("args").forEach(a -> args.add(a.asText()));
            return new Description(List.copyOf(args), d.get("config").asText(), d.get("bxiemu").asText());
        } catch (IOException | NullPointerException e) {
            throw new BadInputException("checkpoint " + checkpoint + ": " + CheckpointFiles.RUN_FILE + " is malformed");
        }
    }

    /** The configuration layer without what may differ between a run and its resumption (the host's cores). */
    private static String comparable(String layerJson) {
        return ConfigFactory.parseString(layerJson, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
                .withoutPath("engine.partitions-per-jvm").root().render(ConfigRenderOptions.concise());
    }

    /** Moves the files of a results directory written aside into the run's directory. */
    static Path moveInto(Path written, Path runDir) {
        try (Stream<Path> files = Files.list(written)) {
            for (Path f : files.sorted().toList()) {
                Files.move(f, runDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(written);
            return runDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Complete checkpoints of a run, for the lines telling how to resume it. */
    static int complete(Path runDir) {
        try (Stream<Path> s = Files.list(runDir.resolve("checkpoints"))) {
            return (int) s.filter(p -> Files.exists(p.resolve(CheckpointFiles.MANIFEST))).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path unique(Path out, String name) {
        Path p = out.resolve(name);
        for (int i = 2; Files.exists(p); i++) p = out.resolve(name + "-" + i);
        return p;
    }
}
