package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bxiemu.engine.CheckpointFiles;
import org.bxiemu.engine.Emulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and resume (docs/engine.md, "Checkpoints"): a resumed run ends with the
 * uninterrupted run's digest, on the same and on another JVM count — from the state images for
 * PHOLD and a switched fabric with NICs (handling only the events after the checkpoint), and for
 * an MPI job, whose nodes (their ranks' fibers cannot be imaged) are rebuilt by replaying their
 * logged inputs; checkpoints sit at the
 * configured virtual times; corrupted, incomplete or foreign ones are refused with one line and
 * exit code 2; a run that lost a JVM is resumed from its last complete checkpoint.
 */
class CheckpointTest {
    /** On two partitions per JVM (auto would give 64 LPs one): a checkpoint of two partition files. */
    private static final String[] PHOLD = {"bench", "phold", "--lps", "64", "--population", "4", "--end", "2us",
        "--set", "engine.partitions-per-jvm=2"};
    private static final String[] ALLREDUCE = {"bench", "osu-allreduce", "--ranks", "16", "--sizes", "8B:64B",
            "--iterations", "2"};

    @TempDir
    Path tmp;

    @AfterEach
    void resetObserver() {
        Launch.childObserver = Emulation.ChildObserver.NONE;
    }

    @Test
    void pholdResumedOnOneAndTwoJvmsEndsWithTheUninterruptedDigest() throws IOException {
        String plain = digest(Cli.run(with(PHOLD, "--json", "--out", tmp.resolve("plain").toString())));
        Path out = tmp.resolve("ck");
        Cli.Outcome checkpointed = Cli.run(with(PHOLD, "--json", "--out", out.toString(), "--checkpoint-every", "500ns"));
        assertEquals(plain, digest(checkpointed), "checkpoints cut windows but change no result");
        Path run = onlyRun(out);
        assertEquals(List.of(1L, 2L, 3L), complete(run), "every 500ns of a 2us run (none at the end)");
        for (long n : complete(run)) {
            CheckpointFiles.Loaded c = CheckpointFiles.load(run.resolve("checkpoints/" + n));
            assertEquals(n * 500_000, c.time());
            assertEquals(64, c.components().size());
            // written at a window boundary: nothing at or after the checkpoint's time was handled
            c.components().values().forEach(s -> assertTrue(s.now() < c.time(), s.id() + " at " + s.now()));
            assertTrue(c.components().values().stream().mapToLong(s -> s.pendingEvents()).sum() == 64 * 4,
                    "PHOLD's population is pending at every checkpoint");
        }
        Cli.Outcome one = Cli.run("resume", run.toString(), "--json");
        assertEquals(plain, digest(one), one.err());
        assertTrue(one.err().contains("resuming from checkpoint 3 at 1.5us (written on 1 JVM(s)): restoring its state"
                + " images"), one.err());
        Cli.Outcome two = Cli.run("resume", run.toString(), "--jvms", "2", "--json");
        assertEquals(plain, digest(two), two.err());
        assertEquals(2, two.json().get("jvms").asInt());
        assertTrue(Files.exists(run.resolve("summary.json")), "results go to the run's directory");
        assertOnlyTheRestWasHandled(checkpointed, one, two);
    }

    @Test
    void aSwitchedFabricWithNicsResumesFromItsImagesOnOneAndTwoJvms() throws IOException {
        // 16 hosts ringing Puts through NICs and a fat tree of switches: packets, credits and
        // reliable streams in flight at the checkpoint, and the NICs' Portals tables
        String[] traffic = {"bench", "traffic"};
        String plain = digest(Cli.run(with(traffic, "--json", "--out", tmp.resolve("plain").toString())));
        Path out = tmp.resolve("ck");
        Cli.Outcome checkpointed = Cli.run(with(traffic, "--json", "--out", out.toString(), "--checkpoint-every",
                "8us"));
        assertEquals(plain, digest(checkpointed));
        Path run = onlyRun(out);
        Path second = run.resolve("checkpoints/2");
        assertTrue(CheckpointFiles.load(second).restores(), "every group imaged");
        assertTrue(CheckpointFiles.load(second).components().values().stream().mapToLong(s -> s.pendingEvents())
                .sum() > 0, "Puts in flight at 16us");
        Cli.Outcome one = Cli.run("resume", second.toString(), "--json");
        assertEquals(plain, digest(one), one.err());
        assertTrue(one.err().contains("restoring its state images"), one.err());
        Cli.Outcome two = Cli.run("resume", second.toString(), "--jvms", "2", "--json");
        assertEquals(plain, digest(two), two.err());
        assertOnlyTheRestWasHandled(checkpointed, one, two);
    }

    @Test
    void mpiAllreduceResumedOnOneAndTwoJvmsEndsWithTheUninterruptedDigest() throws IOException {
        String plain = digest(Cli.run(with(ALLREDUCE, "--json", "--out", tmp.resolve("plain").toString())));
        Path out = tmp.resolve("ck");
        Cli.Outcome checkpointed = Cli.run(with(ALLREDUCE, "--json", "--out", out.toString(), "--checkpoint-every",
                "100us"));
        assertEquals(plain, digest(checkpointed));
        Path run = onlyRun(out);
        List<Long> written = complete(run);
        assertTrue(written.size() >= 2, "checkpoints " + written);
        CheckpointFiles.Loaded last = CheckpointFiles.load(run.resolve("checkpoints/" + written.getLast()));
        assertTrue(last.restores(), last.imageGap());
        assertFalse(last.inputs().isEmpty(), "the nodes' groups (with their ranks' fibers) have logged inputs");
        // resume from the one before last: its nodes are rebuilt from their inputs, and the later checkpoint,
        // written again by the resumed run, carries the inputs logged before and after the one resumed from
        Path earlier = run.resolve("checkpoints/" + written.get(written.size() - 2));
        Cli.Outcome one = Cli.run("resume", earlier.toString(), "--json");
        assertEquals(plain, digest(one), one.err());
        assertTrue(one.err().contains("and replaying the logged inputs of " + last.inputs().size()
                + " group(s) holding code"), one.err());
        assertEquals(written, complete(run), "the later checkpoint was written again");
        Cli.Outcome two = Cli.run("resume", run.toString(), "--jvms", "2", "--json");
        assertEquals(plain, digest(two), two.err());
        assertOnlyTheRestWasHandled(checkpointed, one, two);
    }

    @Test
    void aFaultyRunResumedInsideItsFaultsEndsWithTheUninterruptedDigestAndTrace() throws IOException {
        // a cable down from 30us to 180us (routed around by the fabric manager), lost packets
        // resent by the NICs, OS noise on every core; resumed at 100us, inside the failure
        String[] faulty = {"bench", "osu-allreduce", "--ranks", "4", "--ranks-per-node", "1", "--sizes", "8B:4KiB",
            "--iterations", "10", "--set", "switch.fat-tree.k=2", "--set", "switch.fat-tree.uplinks=2", "--set",
            "nic.retransmit-timeout=20us", "--set", "faults=[{kind = link-down, targets = \"link:sw0000.p2\", "
                + "start = 30us, duration = 150us, detection = 5us}, {kind = packet-loss, targets = \"links:*\", "
                + "rate = 0.01, start = 0us, duration = 1ms}, {kind = os-noise, targets = \"nodes:*\", start = 0us, "
                + "end = 1ms, length = 2us, period = 50us}]", "--trace", "--json"};
        Path plainOut = tmp.resolve("plain");
        Cli.Outcome plain = Cli.run(with(faulty, "--out", plainOut.toString()));
        Path out = tmp.resolve("ck");
        Cli.Outcome checkpointed = Cli.run(with(faulty, "--out", out.toString(), "--checkpoint-every", "50us"));
        assertEquals(digest(plain), digest(checkpointed));
        Path run = onlyRun(out);
        Cli.Outcome resumed = Cli.run("resume", run.resolve("checkpoints/2").toString(), "--jvms", "2", "--json");
        assertEquals(digest(plain), digest(resumed), resumed.err());
        assertOnlyTheRestWasHandled(checkpointed, resumed);
        // the spans before the checkpoint come back with the groups: from their images or their replay
        for (String file : List.of("trace.json", "counters.csv", "faults.csv")) {
            assertEquals(Files.readString(onlyRun(plainOut).resolve(file)), Files.readString(run.resolve(file)), file);
        }
    }

    @Test
    void aJobWhoseNodeCrashedBeforeTheCheckpointFailsTheSameWayWhenResumed() throws IOException {
        String[] crash = {"bench", "osu-allreduce", "--ranks", "4", "--ranks-per-node", "1", "--sizes", "8B:8B",
            "--iterations", "200", "--set", "switch.fat-tree.k=2", "--set", "switch.fat-tree.uplinks=2", "--set",
            "mpi.wait-timeout=200us", "--set", "faults=[{kind = node-crash, targets = \"node:n0003\", start = 60us}]"};
        Cli.Outcome whole = Cli.run(with(crash, "--out", tmp.resolve("plain").toString()));
        assertEquals(Main.JOB_FAILED, whole.code(), whole.err());
        Path out = tmp.resolve("ck");
        assertEquals(Main.JOB_FAILED, Cli.run(with(crash, "--out", out.toString(), "--checkpoint-every", "50us")).code());
        // windows skip the idle stretch while the ranks wait: the last checkpoint is the first after it
        Path run = onlyRun(out);
        assertTrue(complete(run).getLast() * 50 > 60, "a checkpoint after the crash: " + complete(run));
        Cli.Outcome resumed = Cli.run("resume", run.toString());
        assertEquals(Main.JOB_FAILED, resumed.code(), resumed.err());
        assertEquals(failure(whole), failure(resumed));
    }

    /** The line naming the job's failure. */
    private static String failure(Cli.Outcome o) {
        return o.err().lines().filter(l -> l.contains("no progress from rank(s)")).findFirst().orElse("none in " + o.err());
    }

    @Test
    void corruptedOrIncompleteCheckpointsAreRefusedWithOneLine() throws IOException {
        Path out = tmp.resolve("ck");
        assertEquals(Main.OK, Cli.run(with(PHOLD, "--out", out.toString(), "--checkpoint-every", "500ns")).code());
        Path run = onlyRun(out);

        Path flipped = copy(run, "flipped");
        flipByte(flipped.resolve("checkpoints/3/partition-0.bin"));
        refused(flipped, "checkpoints/3: partition-0.bin is corrupted");

        Path badManifest = copy(run, "bad-manifest");
        flipByte(badManifest.resolve("checkpoints/3/manifest"));
        refused(badManifest, "manifest is corrupted");

        Path missing = copy(run, "missing");
        Files.delete(missing.resolve("checkpoints/3/partition-1.bin"));
        refused(missing, "partition-1.bin is missing (incomplete checkpoint)");

        Path noManifests = copy(run, "no-manifests");
        for (long n : List.of(1L, 2L, 3L)) Files.delete(noManifests.resolve("checkpoints/" + n + "/manifest"));
        refused(noManifests, "no complete checkpoint under");
        refused(noManifests.resolve("checkpoints/2"), "checkpoints/2 is incomplete: it has no manifest");

        Path noCheckpoints = tmp.resolve("nothing");
        Files.createDirectories(noCheckpoints);
        refused(noCheckpoints, "holds no checkpoints");

        // a checkpoint without its manifest was being written: the one before it is used
        Path lastIncomplete = copy(run, "last-incomplete");
        Files.delete(lastIncomplete.resolve("checkpoints/3/manifest"));
        Cli.Outcome o = Cli.run("resume", lastIncomplete.toString(), "--json");
        assertEquals(Main.OK, o.code(), o.err());
        assertTrue(o.err().contains("checkpoints/3 is incomplete (no manifest): skipped"), o.err());
        assertTrue(o.err().contains("resuming from checkpoint 2 at 1us"), o.err());
        assertEquals(digest(Cli.run(with(PHOLD, "--json", "--out", tmp.resolve("plain").toString()))), digest(o));
    }

    @Test
    void partitionFilesOfAnotherRunAreRefused() throws IOException {
        Path out = tmp.resolve("ck");
        assertEquals(Main.OK, Cli.run(with(PHOLD, "--out", out.toString(), "--checkpoint-every", "500ns")).code());
        Path run = onlyRun(out);
        Path otherOut = tmp.resolve("other");
        assertEquals(Main.OK, Cli.run(with(PHOLD, "--out", otherOut.toString(), "--checkpoint-every", "500ns",
                "--seed", "2")).code());
        // another seed's partition files, with checksums that match: only the replay's check can tell
        Path cp = run.resolve("checkpoints/3");
        Path other = onlyRun(otherOut).resolve("checkpoints/3");
        List<String> manifest = new ArrayList<>();
        for (String line : Files.readAllLines(cp.resolve("manifest"))) {
            String[] w = line.split(" ");
            if (w[0].equals("file") && w[1].startsWith("partition-")) {
                byte[] bytes = Files.readAllBytes(other.resolve(w[1]));
                Files.write(cp.resolve(w[1]), bytes);
                line = "file " + w[1] + " " + bytes.length + " " + sha256(bytes);
            }
            manifest.add(line);
        }
        Files.write(cp.resolve("manifest"), manifest);
        refused(run, "checkpoints/3: partition-0.bin belongs to another run (its run.json differs)");
    }

    @Test
    void aRunThatLostAJvmResumesFromItsLastCompleteCheckpoint() throws Exception {
        String[] phold = {"bench", "phold", "--lps", "256", "--population", "8", "--end", "50us"};
        Path out = tmp.resolve("ck");
        CompletableFuture<List<Long>> children = new CompletableFuture<>();
        Launch.childObserver = children::complete;
        CompletableFuture<Cli.Outcome> run = CompletableFuture.supplyAsync(() -> Cli.run(with(phold, "--jvms", "2",
                "--out", out.toString(), "--checkpoint-every", "5us")));
        List<Long> pids = children.get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completeAnywhere(out) < 1 && System.nanoTime() < deadline) Thread.sleep(20);
        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
        Cli.Outcome lost = run.get(60, TimeUnit.SECONDS);
        assertEquals(Main.EMULATOR_FAILED, lost.code(), lost.err());
        Path runDir = onlyRun(out);
        assertTrue(lost.err().contains("continue the run with: ./bxiemu resume " + runDir), lost.err());
        assertFalse(complete(runDir).isEmpty());
        Launch.childObserver = Emulation.ChildObserver.NONE;
        Cli.Outcome resumed = Cli.run("resume", runDir.toString(), "--jvms", "1", "--json");
        assertEquals(Main.OK, resumed.code(), resumed.err());
        assertEquals(digest(Cli.run(with(phold, "--json", "--out", tmp.resolve("plain").toString()))), digest(resumed));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Resumed runs handled only the events after the checkpoint (the uninterrupted run handled them all). */
    private static void assertOnlyTheRestWasHandled(Cli.Outcome whole, Cli.Outcome... resumed) {
        long all = whole.json().get("events").asLong();
        for (Cli.Outcome r : resumed) {
            long rest = r.json().get("events").asLong();
            assertTrue(rest > 0 && rest < all, rest + " events after the checkpoint, " + all + " in the whole run");
        }
    }

    private static void refused(Path dir, String expected) {
        Cli.Outcome o = Cli.run("resume", dir.toString());
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().startsWith("bxiemu: ") && o.err().contains(expected), o.err());
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String digest(Cli.Outcome o) {
        assertEquals(Main.OK, o.code(), o.err());
        return o.json().get("digest").asText();
    }

    private static Path onlyRun(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static List<Long> complete(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.filter(p -> Files.exists(p.resolve(CheckpointFiles.MANIFEST)))
                    .map(p -> Long.parseLong(p.getFileName().toString())).sorted().toList();
        }
    }

    private static long completeAnywhere(Path out) throws IOException {
        if (!Files.isDirectory(out)) return 0;
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.getFileName().toString().equals(CheckpointFiles.MANIFEST)).count();
        }
    }

    private Path copy(Path run, String name) throws IOException {
        Path target = tmp.resolve("copies").resolve(name);
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = target.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return target;
    }

    private static void flipByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length - 2] ^= 0x5a;
        Files.write(file, b);
    }

    private static String sha256(byte[] bytes) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

}
