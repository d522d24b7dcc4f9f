package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.JobFailedException;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.ReduceOp;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.junit.jupiter.api.Test;

/**
 * Fault plans on an MPI job (a 2-level fat tree of k = 2: nodes n0000-n0003, leaf switches
 * sw0000 and sw0001, top switches sw0002 and sw0003, one rank per node): what each kind does to
 * real results and to timing. Each test compares with the same job without the fault.
 */
class FaultsOnClusterTest {
    private static final int RANKS = 4;
    private static final int ROUNDS = 12;

    /** What a run of the allreduce loop gave: each rank's sums, the latest end time, the run's counters. */
    private record Outcome(Map<Integer, Long> sums, long end, RunResult result) {
        long counter(String name) {
            return result.counterSum(name);
        }

        long counter(String component, String name) {
            for (var c : result.components()) {
                if (!c.getId().equals(component)) continue;
                for (var k : c.getCountersList()) if (k.getName().equals(name)) return k.getValue();
            }
            return 0;
        }
    }

    /** Longs per allreduce: 64 KiB, above the eager limit, so the rendezvous gives progression something to overlap. */
    private static final int COUNT = 8192;
    /** Longs per allreduce of eager messages: 8 KiB, two packets per message. */
    private static final int EAGER_COUNT = 1024;

    private static Config config(String progress, String faults, String waitTimeout) {
        return ConfigFactory.parseString("cluster.fabric = on\nswitch.topology = fat-tree\nswitch.fat-tree.k = 2\n"
                + "switch.fat-tree.levels = 2\nswitch.fat-tree.uplinks = 2\nnode.cores = 4\njob.program = test\n"
                + "job.ranks-per-node = 1\nnic.retransmit-timeout = 20us\nnic.ack-delay = 1us\n"
                + "mpi.wait-timeout = " + waitTimeout + "\nmpi.progress = " + progress + "\nfaults = " + faults)
                .withFallback(ConfigFactory.load()).resolve();
    }

    /**
     * ROUNDS times: an iallreduce of rank ids with {@code compute} of work between post and wait
     * (so that interrupt-driven engines progress during it), each sum checked.
     */
    private static Outcome run(String progress, String faults, long compute) {
        return run(progress, faults, compute, "300us", COUNT);
    }

    private static Outcome run(String progress, String faults, long compute, String waitTimeout, int count) {
        Config config = config(progress, faults, waitTimeout);
        Map<Integer, Long> sums = new ConcurrentSkipListMap<>();
        Map<Integer, Long> ends = new ConcurrentSkipListMap<>();
        ProgramRegistry programs = new ProgramRegistry();
        MpiPrograms.register(programs, "test", mpi -> {
            long sum = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long[] values = new long[count];
                java.util.Arrays.fill(values, mpi.rank() + round);
                Buffer send = Buffer.ofLongs(values);
                Buffer recv = Buffer.allocate(send.datatype(), count);
                Request r = mpi.iallreduce(send, recv, ReduceOp.SUM);
                mpi.compute(compute);
                mpi.waitFor(r);
                long expected = (long) RANKS * (RANKS - 1) / 2 + (long) RANKS * round;
                assertEquals(expected, recv.getLong(0), "round " + round);
                assertEquals(expected, recv.getLong(count - 1), "round " + round);
                sum += recv.getLong(0);
            }
            sums.put(mpi.rank(), sum);
            ends.put(mpi.rank(), (long) (mpi.wtime() * 1e12));
        }, config);
        RunResult result = Emulation.lead(RunSetup.of(ClusterPlatform.build(config, programs),
                EngineSettings.from(config).withPartitionsPerJvm(2), 1, 3, Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        long end = ends.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        return new Outcome(sums, end, result);
    }

    private static void assertCorrect(Outcome o) {
        assertEquals(RANKS, o.sums().size(), "every rank finished");
        long expected = 0;
        for (int round = 0; round < ROUNDS; round++) expected += (long) RANKS * (RANKS - 1) / 2 + (long) RANKS * round;
        for (long s : o.sums().values()) assertEquals(expected, s);
    }

    /**
     * Eager (8 KiB) and rendezvous (64 KiB) allreduces. Under loss a multi-packet message caught
     * in the overflow list can be claimed by its receive before its last packet is in: its
     * PUT_OVERFLOW waits for the data (a partner's contribution once read as zeros here).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {EAGER_COUNT, COUNT})
    void lossAndCorruptionAreRepairedByTheNicsWithCorrectResults(int count) {
        Outcome clean = run("poll", "[]", 0, "300us", count);
        Outcome faulty = run("poll", "[{kind = packet-loss, targets = \"links:*\", start = 0us, rate = 0.05},"
                + " {kind = packet-corruption, targets = \"links:*\", start = 0us, rate = 0.01}]", 0, "10ms", count);
        assertCorrect(clean);
        assertCorrect(faulty);
        long lost = faulty.counter("switch.packets.lost");
        long corrupt = faulty.counter("nic.packets.corrupt-dropped");
        assertTrue(lost > 0 && corrupt > 0, "lost " + lost + ", corrupt " + corrupt);
        assertTrue(faulty.counter("nic.packets.retransmitted") >= lost, "every loss retransmitted");
        assertEquals(0, clean.counter("nic.packets.retransmitted"));
        assertTrue(faulty.end() > clean.end(), "retransmissions take time: " + clean.end() + " vs " + faulty.end());
    }

    @Test
    void aFailedSwitchIsRoutedAround() {
        Outcome clean = run("poll", "[]", 0);
        // sw0002 is a top switch: what crossed it must take sw0003 once the manager knows
        Outcome faulty = run("poll", "[{kind = switch-down, targets = \"switch:sw0002\", start = 1us, detection = 2us}]", 0);
        assertCorrect(faulty);
        long before = clean.counter("sw0002", "switch.packets.forwarded");
        long after = faulty.counter("sw0002", "switch.packets.forwarded");
        assertTrue(before > 20, "the clean run uses sw0002: " + before);
        assertTrue(after < before / 4, "sw0002 forwarded " + after + " (clean " + before + ")");
        assertTrue(faulty.counter("sw0003", "switch.packets.forwarded")
                > clean.counter("sw0003", "switch.packets.forwarded"), "the other top switch took its traffic");
        assertEquals(1, faulty.counter("sw0000", "switch.reroutes"));
    }

    @Test
    void aFailedLinkIsRoutedAroundAndComesBack() {
        Outcome clean = run("poll", "[]", 0);
        // the cable between leaf sw0000 and top sw0002, named by either end
        Outcome down = run("poll", "[{kind = link-down, targets = \"link:sw0000.p2\", start = 1us, detection = 1us}]", 0);
        assertCorrect(down);
        assertTrue(down.counter("sw0002", "switch.packets.forwarded") < clean.counter("sw0002", "switch.packets.forwarded"),
                "less through sw0002 once its cable to sw0000 is down");
        assertEquals(1, down.counter("sw0001", "switch.reroutes"));
        Outcome back = run("poll", "[{kind = link-down, targets = \"link:sw0002.p0\", start = 1us, detection = 1us},"
                + " {kind = link-up, targets = \"link:sw0000.p2\", start = 10us}]", 0);
        assertCorrect(back);
        assertEquals(2, back.counter("sw0001", "switch.reroutes"), "rerouted away, then back");
    }

    @Test
    void aNodeCrashFailsTheJobNamingTheRankWithoutHanging() {
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> run("poll", "[{kind = node-crash, targets = \"node:n0003\", start = 100us}]", 10 * Durations.US));
        String m = e.getMessage();
        assertTrue(m.contains("no progress from rank(s) 3"), m);
        assertTrue(m.contains("mpi.wait-timeout"), m);
        String at = m.substring(m.indexOf(" at ") + 4, m.indexOf(':'));
        long failedAt = Durations.parse(at.replace(" ", ""), "failure time");
        // mpi.wait-timeout (300 us) after the last progress, which stopped with the crash at 100 us
        assertTrue(failedAt > 300 * Durations.US && failedAt <= 400 * Durations.US, "failed at " + at);
    }

    @Test
    void slowdownNoiseAndInterruptDelaysChangeTimingOnly() {
        Outcome clean = run("uintr", "[]", 30 * Durations.US);
        assertCorrect(clean);
        for (String fault : new String[] {
                "{kind = node-slowdown, targets = \"nodes:*\", start = 0us, factor = 0.5}",
                "{kind = os-noise, targets = \"cores:n000[0-3].core0\", start = 0us, length = 4us, period = 15us,"
                        + " jitter = 2us}",
                "{kind = interrupt-delay, targets = \"nodes:*\", start = 0us, delay = 10us, interrupts = uintr}"}) {
            Outcome faulty = run("uintr", "[" + fault + "]", 30 * Durations.US);
            assertCorrect(faulty);
            assertEquals(clean.sums(), faulty.sums(), fault);
            assertTrue(faulty.end() > clean.end(), fault + ": " + clean.end() + " vs " + faulty.end());
        }
    }

    /**
     * Every user interrupt lost: waits spin on the event queue, so the job is still right; what it
     * costs is the overlap the interrupts bought (progress now happens only in the wait).
     */
    @Test
    void droppedUserInterruptsCostOverlapNotCorrectness() {
        Outcome clean = run("uintr", "[]", 30 * Durations.US);
        Outcome dropped = run("uintr", "[{kind = interrupt-drop, targets = \"nodes:*\", start = 0us, interrupts = uintr}]",
                30 * Durations.US);
        Outcome poll = run("poll", "[]", 30 * Durations.US);
        assertCorrect(dropped);
        assertTrue(dropped.counter("core.interrupts.dropped") > 0);
        assertEquals(0, dropped.counter("core.uintr.deliveries"), "no handler ran");
        assertTrue(clean.counter("core.uintr.deliveries") > 0);
        assertTrue(dropped.end() > clean.end(), clean.end() + " vs " + dropped.end());
        // without interrupts uintr progresses as polling does, give or take its registration
        assertTrue(Math.abs(dropped.end() - poll.end()) < (dropped.end() - clean.end()),
                "dropped " + dropped.end() + ", poll " + poll.end() + ", uintr " + clean.end());
    }

    @Test
    void aFaultyRunIsDeterministic() {
        String faults = "[{kind = packet-loss, targets = \"links:*\", start = 0us, rate = 0.05},"
                + " {kind = link-delay, targets = \"links:sw000[01].p*\", start = 0us, delay = 300ns,"
                + " distribution = exponential}, {kind = os-noise, targets = \"nodes:*\", start = 0us, length = 2us,"
                + " period = 10us, jitter = 3us}]";
        Outcome a = run("uintr", faults, 5 * Durations.US, "10ms", EAGER_COUNT);
        Outcome b = run("uintr", faults, 5 * Durations.US, "10ms", EAGER_COUNT);
        assertCorrect(a);
        assertEquals(a.result().digest(), b.result().digest());
        assertEquals(a.end(), b.end());
    }
}
