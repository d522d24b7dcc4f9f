package org.bxiemu.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bxiemu.engine.CheckpointFiles;
import org.bxiemu.engine.units.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bxiemu resume DIR [--jvms N]}: continues a run written with --checkpoint-every from
 * its last complete checkpoint, by starting the recorded command line again (from the directory
 * the run was started in) with the checkpoint to continue from. The run restarts from the
 * checkpoint's state images, or, when a group of components has none (it holds program code), is
 * re-executed up to the checkpoint and checked against it; results go to the run's directory.
 */
@Command(name = "resume", description = "Continues a run from its last complete checkpoint (a results/<run> directory"
        + " written with --checkpoint-every, or one of its checkpoints/<n>).")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The run's results directory (or one checkpoint's directory).")
    Path dir;

    @Option(names = "--jvms", paramLabel = "N", description = "JVMs to continue on (default: the run's own).")
    Integer jvms;

    @Option(names = "--json", description = "Print the results as one JSON object on the last line of stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintStream err = Streams.err(spec);
        List<String> notes = new ArrayList<>();
        Path checkpoint = CheckpointFiles.lastComplete(dir, notes);
        CheckpointFiles.Loaded loaded = CheckpointFiles.load(checkpoint);
        for (String note : notes) err.println("bxiemu: " + note);
        CheckpointedRun.Description run = CheckpointedRun.parse(loaded.runDescription(), checkpoint);
        List<String> args = new ArrayList<>();
        List<String> original = run.args();
        for (int i = 0; i < original.size(); i++) {
            String a = original.get(i);
            if (a.startsWith("--resume-from")) {
                if (a.equals("--resume-from")) i++;
                continue;
            }
            if (jvms != null && a.startsWith("--jvms")) {
                if (a.equals("--jvms")) i++;
                continue;
            }
            args.add(a);
        }
        if (jvms != null) args.add("--jvms=" + jvms);
        if (json && !args.contains("--json")) args.add("--json");
        args.add("--resume-from=" + checkpoint);
        forgetLaterCheckpoints(checkpoint.getParent(), loaded.number(), err);
        String how = !loaded.restores() ? "re-executing up to it (" + loaded.imageGap() + ")"
                : loaded.inputs().isEmpty() ? "restoring its state images"
                : "restoring " + loaded.images().size() + " group(s) from their state images and replaying the logged"
                        + " inputs of " + loaded.inputs().size() + " group(s) holding code";
        err.println("bxiemu: resuming from checkpoint " + loaded.number() + " at " + Durations.format(loaded.time())
                + " (written on " + loaded.jvms() + " JVM(s)): " + how + ", then continuing: ./bxiemu "
                + String.join(" ", args));
        return Main.execute(args.toArray(String[]::new), Streams.out(spec), err);
    }

    /** Checkpoints after the one resumed from are written again by the resumed run: never mixed with old ones. */
    private static void forgetLaterCheckpoints(Path root, long number, java.io.PrintStream err) {
        try (Stream<Path> s = Files.list(root)) {
            for (Path c : s.filter(p -> p.getFileName().toString().matches("[0-9]{1,18}")).sorted().toList()) {
                if (Long.parseLong(c.getFileName().toString()) > number
                        && Files.deleteIfExists(c.resolve(CheckpointFiles.MANIFEST))) {
                    err.println("bxiemu: checkpoint " + c + " will be written again (its manifest is removed)");
                }
            }
        } catch (java.io.IOException e) {
            throw new org.bxiemu.engine.BadInputException("resume: cannot list " + root + ": " + e.getMessage());
        }
    }
}
