package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.protocol.phold.PholdEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * State images (docs/engine.md, "Checkpoints"): a run continued from a checkpoint's images ends
 * with the uninterrupted run's digest, on another partitioning, after
 * handling only the events that follow the checkpoint; what the image must keep — state two
 * components of a group share, an inner resource's outer component, port identities, cancelled
 * timers, random streams — and what it must not — structure a fresh component brings (a
 * transient function) — are each what the components' results depend on. A component holding
 * code has no image: the run is then re-executed up to the checkpoint and checked against it.
 */
class ComponentImagesTest {
    private static final long NS = Durations.NS;
    private static final long EVERY = 400 * NS;
    private static final long END = 2 * Durations.US;

    @TempDir
    Path tmp;

    /** A ping: PHOLD's wire message, the kind that may cross partitions (its hop count carries a value). */
    private static PholdEvent ping(long value) {
        return PholdEvent.newBuilder().setHops(value).build();
    }

    /** State the two pingers of a group share by reference (a node's memory, in spirit). */
    static final class Tally {
        long value;
    }

    /**
     * Sends pings to its peer over a link that it occupies per ping ({@link Component.Occupancy});
     * each ping draws from the random stream, bumps the tally its group shares, re-arms a timer
     * (cancelling the previous one) and answers through a port it looks up once.
     */
    static final class Pinger extends Component {
        private final Tally tally;
        /** Structure: how long a ping occupies the link (a fresh component brings it). */
        private final transient LongUnaryOperator busyFor;
        private Port out;
        private Occupancy link;
        private long timer = -1;
        private long waiting;

        private record Free() {}

        private record Tick() {}

        Pinger(Tally tally, LongUnaryOperator busyFor) {
            this.tally = tally;
            this.busyFor = busyFor;
        }

        @Override
        protected void onStart() {
            out = port("out");
            link = new Occupancy();
            send(out, ping(1), rng().nextLong(50 * NS));
        }

        @Override
        protected void onEvent(Port port, Object message) {
            switch (message) {
                case PholdEvent p -> {
                    if (port != out) throw new IllegalStateException(id() + ": a ping on another port than out");
                    tally.value += p.getHops();
                    stats().counter("tally.seen").add(tally.value);
                    if (timer >= 0) cancel(timer);
                    timer = schedule(115 * NS, new Tick());
                    waiting++;
                    pingIfFree();
                }
                case Free f -> {
                    link.woken();
                    pingIfFree();
                }
                case Tick t -> {
                    timer = -1;
                    stats().counter("ticks").increment();
                }
                default -> throw new IllegalArgumentException(message.toString());
            }
        }

        private void pingIfFree() {
            if (waiting == 0) return;
            if (link.busy()) {
                link.wakeWhenFree(new Free());
                return;
            }
            waiting--;
            link.occupyUntil(now() + busyFor.applyAsLong(rng().nextLong(10, 40)));
            send(out, ping(rng().nextLong(1, 100)), rng().nextLong(20 * NS));
        }
    }

    /**
     * A pinger that keeps code as state (as a program's fiber does): it cannot be imaged. When it
     * says so ({@link Component#holdsCode}), its group's inputs are logged and replayed; when it
     * does not, the checkpoint finds out and the run is re-executed up to it.
     */
    static final class CodeHolder extends Component {
        private final transient boolean declared;
        private java.util.function.LongSupplier next = () -> 0;
        private Port out;

        CodeHolder(boolean declared) {
            this.declared = declared;
        }

        @Override
        protected boolean holdsCode() {
            return declared;
        }

        @Override
        protected void onStart() {
            out = port("out");
            send(out, ping(1), rng().nextLong(50 * NS));
        }

        @Override
        protected void onEvent(Port port, Object message) {
            long seen = ((PholdEvent) message).getHops();
            long base = next.getAsLong();
            next = () -> base + seen; // new code, capturing the state
            stats().counter("sum").add(base + seen);
            send(out, ping(rng().nextLong(1, 100)), rng().nextLong(20 * NS));
        }
    }

    /** Which code holders the platform has besides its pingers. */
    enum CodeHolders { NONE, DECLARED, UNDECLARED }

    private static Platform pingers(CodeHolders codeHolders) {
        return pingers(codeHolders, true);
    }

    /**
     * Without shared tallies, the platform also runs with fusion off: components then handle
     * their batches concurrently, and only what they send each other is ordered.
     */
    private static Platform pingers(CodeHolders codeHolders, boolean shareTallies) {
        Platform.Builder b = Platform.builder();
        for (int g = 0; g < 4; g++) {
            Tally shared = new Tally();
            // each pair a group: ids a<g> and b<g> share a tally; pairs ping across groups
            b.component("a" + g, "g" + g, () -> new Pinger(shareTallies ? shared : new Tally(), cycles -> cycles * NS),
                    "out");
            b.component("b" + g, "g" + g, () -> new Pinger(shareTallies ? shared : new Tally(), cycles -> cycles * NS),
                    "out");
        }
        for (int g = 0; g < 4; g++) b.connect("a" + g, "out", "b" + ((g + 1) % 4), "out", 100 * NS);
        if (codeHolders != CodeHolders.NONE) {
            boolean declared = codeHolders == CodeHolders.DECLARED;
            // in two groups: what each receives comes from another group
            b.component("c0", "c0", () -> new CodeHolder(declared), "out");
            b.component("c1", "c1", () -> new CodeHolder(declared), "out");
            b.connect("c0", "out", "c1", "out", 100 * NS);
        }
        return b.build();
    }

    /** Runs a platform built anew (its factories' shared tallies start at zero). */
    private static RunResult run(CodeHolders codeHolders, int partitions, long seed, Checkpointing ck) {
        return run(pingers(codeHolders), partitions, seed, ck);
    }

    private static RunResult run(Platform platform, int partitions, long seed, Checkpointing ck) {
        return run(platform, partitions, seed, ck, true);
    }

    private static RunResult run(Platform platform, int partitions, long seed, Checkpointing ck, boolean fusion) {
        EngineSettings engine = EngineSettings.from(ConfigFactory.parseString("engine.fusion = " + fusion)
                .withFallback(ConfigFactory.load())).withPartitionsPerJvm(partitions);
        return Emulation.lead(RunSetup.of(platform, engine, 1, seed, END).withCheckpoints(ck), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
    }

    private Path checkpointed(CodeHolders codeHolders, int partitions, long seed, String name) {
        Path dir = tmp.resolve(name);
        run(codeHolders, partitions, seed, new Checkpointing(EVERY, dir, null, "run " + name));
        return dir;
    }

    private static CheckpointFiles.Loaded load(Path dir, long number) {
        return CheckpointFiles.load(dir.resolve(Long.toString(number)));
    }

    /**
     * The pingers re-arm a timer on every ping: some cancelled timers are still queued at the
     * end, dropped or not depending on the window cuts. They are no events, so neither the
     * pending counts (in the digest) nor the events handled depend on the partitioning.
     */
    @Test
    void cancelledTimersCountNowhereWhateverThePartitioning() {
        RunResult one = run(CodeHolders.NONE, 1, 7, Checkpointing.OFF);
        for (int partitions = 2; partitions <= 4; partitions++) {
            RunResult other = run(CodeHolders.NONE, partitions, 7, Checkpointing.OFF);
            assertEquals(one.digest(), other.digest(), partitions + " partitions");
            assertEquals(one.events(), other.events(), partitions + " partitions");
            assertEquals(one.pendingEvents(), other.pendingEvents(), partitions + " partitions");
        }
    }

    @ParameterizedTest(name = "written on {0} partition(s), continued on {1}")
    @CsvSource({"1, 2", "2, 1"})
    void aRunContinuedFromItsImagesEndsLikeTheUninterruptedOne(int writtenOn, int continuedOn) {
        RunResult whole = run(CodeHolders.NONE, 1, 7, Checkpointing.OFF);
        assertTrue(whole.counterSum("ticks") > 0 && whole.counterSum("tally.seen") > 0, "the pingers did something");
        Path dir = checkpointed(CodeHolders.NONE, writtenOn, 7, "images");
        for (long n = 1; n <= 4; n++) {
            CheckpointFiles.Loaded c = load(dir, n);
            assertTrue(c.restores(), c.imageGap());
            assertEquals(4, c.images().size(), "one image per group");
            RunResult resumed = run(CodeHolders.NONE, continuedOn, 7,
                    new Checkpointing(EVERY, dir, c, "run images"));
            assertEquals(whole.digest(), resumed.digest(), "continued from checkpoint " + n);
            assertEquals(whole.virtualTime(), resumed.virtualTime());
            assertTrue(resumed.events() < whole.events() && resumed.events() > 0,
                    resumed.events() + " events after checkpoint " + n + " of " + whole.events());
        }
    }

    @ParameterizedTest(name = "written on {0} partition(s) with fusion {2}, continued on {1}")
    @CsvSource({"1, 2, true", "2, 1, true", "2, 1, false"})
    void aGroupHoldingCodeIsRebuiltFromItsLoggedInputs(int writtenOn, int continuedOn, boolean fusion) {
        // without fusion, events reach components in batches: their inputs are logged there
        boolean share = fusion;
        RunResult whole = run(pingers(CodeHolders.DECLARED, share), 1, 7, Checkpointing.OFF);
        assertTrue(whole.counterSum("sum") > 0, "the code holders did something");
        Path dir = tmp.resolve("logged");
        run(pingers(CodeHolders.DECLARED, share), writtenOn, 7, new Checkpointing(EVERY, dir, null, "run logged"),
                fusion);
        for (long n = 1; n <= 4; n++) {
            CheckpointFiles.Loaded c = load(dir, n);
            assertTrue(c.restores(), c.imageGap());
            assertEquals(java.util.Set.of("g0", "g1", "g2", "g3"), c.images().keySet());
            assertEquals(java.util.Set.of("c0", "c1"), c.inputs().keySet(), "the code holders' inputs, not images");
            assertTrue(c.inputs().get("c0").received().length > 0, "c0 received pings from c1 before " + n);
            RunResult resumed = run(pingers(CodeHolders.DECLARED, share), continuedOn, 7,
                    new Checkpointing(EVERY, dir, c, "run logged"));
            assertEquals(whole.digest(), resumed.digest(), "continued from checkpoint " + n);
            assertTrue(resumed.events() < whole.events(), resumed.events() + " events after checkpoint " + n);
        }

        // the logged inputs of a run with another seed: the replayed groups do not reach the recorded state
        Path other = tmp.resolve("other");
        run(pingers(CodeHolders.DECLARED, share), writtenOn, 8, new Checkpointing(EVERY, other, null, "run logged"));
        CheckpointFiles.Loaded mine = load(dir, 2);
        CheckpointFiles.Loaded theirs = load(other, 2);
        java.util.Map<String, CheckpointFiles.GroupInputs> swapped = new java.util.TreeMap<>(mine.inputs());
        swapped.put("c1", theirs.inputs().get("c1"));
        CheckpointFiles.Loaded mixed = new CheckpointFiles.Loaded(mine.directory(), mine.number(), mine.time(),
                mine.every(), mine.partitions(), mine.jvms(), mine.runDescription(), mine.components(), mine.images(),
                swapped, null);
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> run(pingers(CodeHolders.DECLARED, share), continuedOn, 7,
                        new Checkpointing(EVERY, dir, mixed, "run logged")));
        assertTrue(refused.getMessage().contains("checkpoint 2 at 800ns: the resumed run reached another state for c1"),
                refused.getMessage());
    }

    @Test
    void aComponentHoldingCodeUndeclaredIsReexecutedUpToTheCheckpointAndCheckedThere() {
        RunResult whole = run(CodeHolders.UNDECLARED, 2, 7, Checkpointing.OFF);
        Path dir = checkpointed(CodeHolders.UNDECLARED, 2, 7, "code");
        CheckpointFiles.Loaded c = load(dir, 2);
        assertFalse(c.restores());
        assertNotNull(c.imageGap());
        assertTrue(c.imageGap().matches("group c[01] has no state image: it holds code \\(a lambda\\), in next \\("
                + java.util.regex.Pattern.quote(CodeHolder.class.getName()) + "\\)"), c.imageGap());
        RunResult resumed = run(CodeHolders.UNDECLARED, 1, 7, new Checkpointing(EVERY, dir, c, "run code"));
        assertEquals(whole.digest(), resumed.digest());
        long before = c.components().values().stream().mapToLong(CheckpointFiles.ComponentState::eventsHandled).sum();
        assertTrue(resumed.events() > before, "re-executed from the start: " + resumed.events() + " events, "
                + before + " of them before the checkpoint");

        // the same run description with another seed's state: the re-execution does not reach it
        Path other = tmp.resolve("other");
        run(CodeHolders.UNDECLARED, 2, 8, new Checkpointing(EVERY, other, null, "run code"));
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> run(CodeHolders.UNDECLARED, 1, 7, new Checkpointing(EVERY, dir, load(other, 2), "run code")));
        assertTrue(refused.getMessage().contains("checkpoint 2 at 800ns: the resumed run reached another state for"),
                refused.getMessage());
    }

    /** An in-process record: it may go from group to group inside a partition, but no log can hold it. */
    record Nudge(long value) {}

    /** Sends a {@link Nudge} to its peer every 100 ns. */
    static final class Nudger extends Component {
        private record Tick() {}

        @Override
        protected void onStart() {
            schedule(100 * NS, new Tick());
        }

        @Override
        protected void onEvent(Port port, Object message) {
            send(port("out"), new Nudge(rng().nextLong(100)));
            schedule(100 * NS, new Tick());
        }
    }

    /** Holds code (and says so) and sums the nudges it receives. */
    static final class NudgeSum extends Component {
        private java.util.function.LongSupplier sum = () -> 0;

        @Override
        protected boolean holdsCode() {
            return true;
        }

        @Override
        protected void onEvent(Port port, Object message) {
            long before = sum.getAsLong();
            long nudge = ((Nudge) message).value();
            sum = () -> before + nudge;
            stats().counter("nudges").add(nudge);
        }
    }

    @Test
    void aGroupReceivingInProcessRecordsIsReexecutedSayingWhy() {
        java.util.function.Supplier<Platform> platform = () -> Platform.builder()
                .component("s0", "s0", Nudger::new, "out").component("r0", "r0", NudgeSum::new, "in")
                .connect("s0", "out", "r0", "in", 100 * NS).build();
        RunResult whole = run(platform.get(), 1, 7, Checkpointing.OFF);
        assertTrue(whole.counterSum("nudges") > 0);
        Path dir = tmp.resolve("nudges");
        run(platform.get(), 1, 7, new Checkpointing(EVERY, dir, null, "run nudges"));
        CheckpointFiles.Loaded c = load(dir, 2);
        assertFalse(c.restores());
        assertEquals("group r0 has no state image: its inputs cannot be logged: a " + Nudge.class.getName()
                + " from s0 crossed into it, and only wire messages can be logged", c.imageGap());
        RunResult resumed = run(platform.get(), 1, 7, new Checkpointing(EVERY, dir, c, "run nudges"));
        assertEquals(whole.digest(), resumed.digest());
    }

    @Test
    void theImagesOfAnotherPlatformAreRefused() throws IOException {
        Path dir = checkpointed(CodeHolders.NONE, 2, 7, "images");
        CheckpointFiles.Loaded c = load(dir, 1);
        Platform fewer = Platform.builder()
                .component("a0", "g0", () -> new Pinger(new Tally(), x -> x), "out")
                .component("b0", "g9", () -> new Pinger(new Tally(), x -> x), "out")
                .connect("a0", "out", "b0", "out", 100 * NS).build();
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> run(fewer, 1, 7, new Checkpointing(EVERY, dir, c, "run images")));
        assertTrue(refused.getMessage().contains("checkpoint 1 at 400ns has no state image of group g9"),
                refused.getMessage());
        try (Stream<Path> files = Files.list(dir.resolve("1"))) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString()).sorted().toList());
            assertEquals(List.of("manifest", "partition-0.bin", "partition-1.bin", "run.json"), names,
                    "nothing but the checkpoint's files (no temporary ones left)");
        }
    }
}
