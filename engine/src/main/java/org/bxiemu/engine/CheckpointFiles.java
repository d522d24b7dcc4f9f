package org.bxiemu.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bxiemu.engine.units.Durations;

/**
 * The on-disk form of checkpoints (docs/engine.md, "Checkpoints"):
 * {@code checkpoints/<n>/partition-<p>.bin} (Kryo: each component's clock, event counts,
 * pending events and a SHA-256 fingerprint of its statistics and pending events; each group's
 * state image or logged inputs),
 * {@code run.json} (the launcher's command line and configuration) and {@code manifest}
 * (text: number, virtual time, interval, partitions, and each file's size and SHA-256).
 * Every file is written under a temporary name, forced to disk and renamed into place; the
 * manifest is written last, so a checkpoint without one is incomplete and never used.
 */
public final class CheckpointFiles {
    public static final String MANIFEST = "manifest";
    public static final String RUN_FILE = "run.json";
    static final int FORMAT = 3;
    private static final String HEADER = "bxiemu checkpoint, format " + FORMAT;

    private CheckpointFiles() {}

    /** One component at a checkpoint: enough to check that a replay reached the same state. */
    public record ComponentState(String id, long now, long eventsHandled, long eventsSent, int pendingEvents,
            byte[] fingerprint) {}

    /**
     * How one group is restored: its state image ({@link ComponentImages}); or, for a group
     * holding code, the events it received from other groups before the checkpoint and those in
     * flight to it there ({@link InputLog}); or neither, and {@code gap} says why.
     */
    record GroupCheckpoint(String group, byte[] image, byte[] received, byte[] inFlight, String gap) {}

    /** A group holding code, as a resumed run rebuilds it: the inputs to replay ({@link InputLog}). */
    public record GroupInputs(byte[] received, byte[] inFlight) {}

    /** One partition's file. */
    record PartitionFile(int format, int partition, long number, long time, String run, ComponentState[] components,
            GroupCheckpoint[] groups) {}

    /**
     * A checkpoint read back and checked against its manifest. When {@code imageGap} is null,
     * every group has a state image ({@code images}) or, holding code, its logged inputs
     * ({@code inputs}); otherwise {@code imageGap} says why one group has neither, and the
     * checkpoint can only be resumed by re-executing the whole run up to it.
     */
    public record Loaded(Path directory, long number, long time, long every, int partitions, int jvms,
            String runDescription, Map<String, ComponentState> components, Map<String, byte[]> images,
            Map<String, GroupInputs> inputs, String imageGap) {
        /** Whether the run can continue from the checkpoint's groups, without re-executing the whole run up to it. */
        public boolean restores() {
            return imageGap == null;
        }
    }

    static String partitionFileName(int partition) {
        return "partition-" + partition + ".bin";
    }

    // ---- writing -----------------------------------------------------------------------------

    static void writePartition(Path root, long number, long time, int partition, String runId,
            ComponentState[] components, GroupCheckpoint[] groups) {
        Path dir = root.resolve(Long.toString(number));
        try {
            Files.createDirectories(dir);
            Output out = new Output(4096, -1);
            kryo().writeObject(out, new PartitionFile(FORMAT, partition, number, time, runId, components, groups));
            atomicWrite(dir.resolve(partitionFileName(partition)), out.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Completes checkpoint {@code number}: every partition file must be in place already. */
    static void writeManifest(Path root, long number, long time, long every, int partitions, int jvms,
            String runDescription) {
        Path dir = root.resolve(Long.toString(number));
        try {
            Files.createDirectories(dir);
            atomicWrite(dir.resolve(RUN_FILE), runDescription.getBytes(StandardCharsets.UTF_8));
            StringBuilder m = new StringBuilder(HEADER).append('\n');
            m.append("number ").append(number).append('\n');
            m.append("time-ps ").append(time).append('\n');
            m.append("every-ps ").append(every).append('\n');
            m.append("partitions ").append(partitions).append('\n');
            m.append("jvms ").append(jvms).append('\n');
            List<String> files = new ArrayList<>();
            files.add(RUN_FILE);
            for (int p = 0; p < partitions; p++) files.add(partitionFileName(p));
            for (String f : files) {
                byte[] bytes = Files.readAllBytes(dir.resolve(f));
                m.append("file ").append(f).append(' ').append(bytes.length).append(' ').append(sha256(bytes))
                        .append('\n');
            }
            m.append("end\n");
            atomicWrite(dir.resolve(MANIFEST), m.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Temporary name, forced to disk, renamed into place, directory forced: all or nothing. */
    static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    // ---- finding and reading -----------------------------------------------------------------

    /**
     * The checkpoint to resume from: {@code dir} itself if it is one (it must then be complete),
     * else the highest-numbered complete checkpoint under {@code dir/checkpoints} (or under
     * {@code dir} if it is the checkpoints directory). Checkpoints without a manifest were being
     * written when the run stopped: they are skipped and named in {@code notes}.
     */
    public static Path lastComplete(Path dir, List<String> notes) {
        if (!Files.isDirectory(dir)) throw new BadInputException("resume: " + dir + " is not a directory");
        if (Files.exists(dir.resolve(MANIFEST))) return dir;
        Path root;
        if (Files.isDirectory(dir.resolve("checkpoints"))) {
            root = dir.resolve("checkpoints");
        } else if (dir.getFileName() != null && dir.getFileName().toString().equals("checkpoints")) {
            root = dir;
        } else if (dir.getFileName() != null && dir.getFileName().toString().matches("[0-9]+")
                && dir.getParent() != null && dir.getParent().getFileName() != null
                && dir.getParent().getFileName().toString().equals("checkpoints")) {
            throw new BadInputException("checkpoint " + dir + " is incomplete: it has no manifest");
        } else {
            throw new BadInputException("resume: " + dir + " holds no checkpoints (expected " + dir
                    + "/checkpoints/<n>/manifest; was the run started with --checkpoint-every?)");
        }
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,18}"))
                    .forEach(n -> numbers.add(Long.parseLong(n)));
        } catch (IOException e) {
            throw new BadInputException("resume: cannot list " + root + ": " + e.getMessage());
        }
        numbers.sort(Collections.reverseOrder());
        for (long n : numbers) {
            Path c = root.resolve(Long.toString(n));
            if (Files.exists(c.resolve(MANIFEST))) return c;
            notes.add("checkpoint " + c + " is incomplete (no manifest): skipped");
        }
        throw new BadInputException("resume: no complete checkpoint under " + root
                + (numbers.isEmpty() ? "" : " (" + numbers.size() + " incomplete, without a manifest)"));
    }

    /** Reads checkpoint {@code dir} and checks every file against the manifest's size and SHA-256. */
    public static Loaded load(Path dir) {
        String where = "checkpoint " + dir;
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(where + " is incomplete: it has no manifest");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(where + ": the manifest is corrupted (not text)");
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read its manifest: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals("end")) {
            throw new BadInputException(where + ": the manifest is corrupted (not a format-" + FORMAT
                    + " bxiemu checkpoint manifest ending with 'end')");
        }
        Map<String, String> fields = new TreeMap<>();
        Map<String, String[]> files = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.size() - 1; i++) {
            String[] w = lines.get(i).split(" ");
            if (w.length == 4 && w[0].equals("file")) files.put(w[1], w);
            else if (w.length == 2) fields.put(w[0], w[1]);
            else throw new BadInputException(where + ": the manifest is corrupted (line " + (i + 1) + ")");
        }
        long number = number(fields, "number", where);
        long time = number(fields, "time-ps", where);
        long every = number(fields, "every-ps", where);
        int partitions = (int) number(fields, "partitions", where);
        int jvms = (int) number(fields, "jvms", where);
        Map<String, byte[]> contents = new TreeMap<>();
        for (String[] f : files.values()) {
            Path file = dir.resolve(f[1]);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException(where + ": " + f[1] + " is missing (incomplete checkpoint)");
            } catch (IOException e) {
                throw new BadInputException(where + ": cannot read " + f[1] + ": " + e.getMessage());
            }
            if (!Long.toString(bytes.length).equals(f[2]) || !sha256(bytes).equals(f[3])) {
                throw new BadInputException(where + ": " + f[1] + " is corrupted (its size or SHA-256 differs from"
                        + " the manifest's)");
            }
            contents.put(f[1], bytes);
        }
        if (!contents.containsKey(RUN_FILE)) throw new BadInputException(where + ": the manifest lists no " + RUN_FILE);
        String runDescription = new String(contents.get(RUN_FILE), StandardCharsets.UTF_8);
        String run = runId(runDescription);
        Map<String, ComponentState> components = new TreeMap<>();
        Map<String, byte[]> images = new TreeMap<>();
        Map<String, GroupInputs> inputs = new TreeMap<>();
        String imageGap = null;
        for (int p = 0; p < partitions; p++) {
            byte[] bytes = contents.get(partitionFileName(p));
            if (bytes == null) {
                throw new BadInputException(where + ": the manifest lists no " + partitionFileName(p) + " of "
                        + partitions + " partitions");
            }
            PartitionFile pf;
            try {
                pf = kryo().readObject(new Input(bytes), PartitionFile.class);
            } catch (KryoException | IllegalArgumentException e) {
                throw new BadInputException(where + ": " + partitionFileName(p) + " cannot be read: " + e.getMessage());
            }
            if (pf.format() != FORMAT || pf.partition() != p || pf.number() != number || pf.time() != time) {
                throw new BadInputException(where + ": " + partitionFileName(p) + " belongs to another checkpoint");
            }
            if (!run.equals(pf.run())) {
                throw new BadInputException(where + ": " + partitionFileName(p) + " belongs to another run (its "
                        + RUN_FILE + " differs)");
            }
            for (ComponentState c : pf.components()) components.put(c.id(), c);
            for (GroupCheckpoint g : pf.groups()) {
                if (g.image() != null) {
                    images.put(g.group(), g.image());
                } else if (g.received() != null && g.inFlight() != null) {
                    inputs.put(g.group(), new GroupInputs(g.received(), g.inFlight()));
                } else if (imageGap == null) {
                    imageGap = "group " + g.group() + " has no state image: " + g.gap();
                }
            }
        }
        return new Loaded(dir, number, time, every, partitions, jvms, runDescription, components, images, inputs,
                imageGap);
    }

    private static long number(Map<String, String> fields, String key, String where) {
        String v = fields.get(key);
        try {
            if (v != null) return Long.parseLong(v);
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadInputException(where + ": the manifest is corrupted (" + key + " is "
                + (v == null ? "missing" : "'" + v + "'") + ")");
    }

    /** What ties a partition file to its run: the SHA-256 of the run's description (run.json). */
    static String runId(String runDescription) {
        return sha256((runDescription == null ? "" : runDescription).getBytes(StandardCharsets.UTF_8));
    }

    static String describe(Loaded c) {
        return "checkpoint " + c.number() + " at " + Durations.format(c.time());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Kryo kryo() {
        Kryo k = new Kryo();
        k.register(PartitionFile.class);
        k.register(ComponentState.class);
        k.register(ComponentState[].class);
        k.register(byte[].class);
        k.register(GroupCheckpoint.class);
        k.register(GroupCheckpoint[].class);
        return k;
    }
}
