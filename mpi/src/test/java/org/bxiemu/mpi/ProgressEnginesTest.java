package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.node.CoreTime;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.junit.jupiter.api.Test;

/**
 * The question the emulator exists for, on its smallest case: a rendezvous receive posted before
 * a long compute. With {@code poll} nothing moves until the wait; with {@code uintr} the NIC's
 * user interrupt lets a handler fetch the data during the compute, so the wait returns at once.
 */
class ProgressEnginesTest {
    private static final long COMPUTE = 300 * Durations.US;
    private static final int SIZE = 1 << 20;

    private record Outcome(long waitReturnedAt, long computeEndedAt, byte[] data, Map<String, Long> receiverCore,
            Map<String, Long> receiverNextCore) {}

    private static Outcome overlap(String engine) {
        return overlap(engine, "");
    }

    private static Outcome overlap(String engine, String extra) {
        Config config = ConfigFactory.parseString("cluster.fabric = on\nswitch.topology = star\nswitch.star.nodes = 2"
                + "\nnode.cores = 2\njob.program = overlap\nmpi.progress = " + engine + "\n" + extra)
                .withFallback(ConfigFactory.load()).resolve();
        long[] times = new long[2];
        byte[][] data = new byte[1][];
        byte[] sent = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) sent[i] = (byte) (i * 31);
        ProgramRegistry programs = new ProgramRegistry();
        MpiPrograms.register(programs, "overlap", mpi -> {
            if (mpi.rank() == 0) {
                mpi.compute(20 * Durations.US); // the receive is posted first
                mpi.send(Payload.of(sent), 1, 5);
            } else {
                Request r = mpi.irecv(SIZE, 0, 5);
                mpi.compute(COMPUTE);
                times[1] = mpi.now();
                data[0] = mpi.waitFor(r).payload().data();
                times[0] = mpi.now();
            }
        }, config);
        RunResult r = Emulation.lead(RunSetup.of(ClusterPlatform.build(config, programs),
                EngineSettings.from(config).withPartitionsPerJvm(2), 1, 3, Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        Map<String, Long> core = new TreeMap<>();
        Map<String, Long> next = new TreeMap<>();
        r.components().stream().filter(c -> c.getId().equals("n0001.core0"))
                .forEach(c -> c.getCountersList().forEach(k -> core.put(k.getName(), k.getValue())));
        r.components().stream().filter(c -> c.getId().equals("n0001.core1"))
                .forEach(c -> c.getCountersList().forEach(k -> next.put(k.getName(), k.getValue())));
        assertArrayEquals(sent, data[0], engine + ": the data arrived intact");
        return new Outcome(times[0], times[1], data[0], core, next);
    }

    @Test
    void userInterruptsOverlapARendezvousWithComputeWherePollingCannot() {
        Outcome poll = overlap("poll");
        Outcome uintr = overlap("uintr");
        // 1 MiB at 100 Gb/s is about 85 us on the wire
        long wire = 84 * Durations.US;
        assertTrue(poll.waitReturnedAt() - poll.computeEndedAt() > wire,
                "poll: the transfer starts only in the wait: " + (poll.waitReturnedAt() - poll.computeEndedAt()));
        assertTrue(uintr.waitReturnedAt() - uintr.computeEndedAt() < 5 * Durations.US,
                "uintr: the data was fetched during the compute: " + (uintr.waitReturnedAt() - uintr.computeEndedAt()));
        assertEquals(COMPUTE, poll.receiverCore().get(CoreTime.COMPUTE.counter()));
        assertEquals(COMPUTE, uintr.receiverCore().get(CoreTime.COMPUTE.counter()), "the compute itself is unchanged");
        assertTrue(uintr.receiverCore().get("core.uintr.deliveries") >= 1, "handlers ran: " + uintr.receiverCore());
        assertTrue(uintr.receiverCore().get(CoreTime.HANDLER.counter()) > 0);
        assertEquals(0L, poll.receiverCore().getOrDefault("core.uintr.deliveries", 0L));
    }

    @Test
    void signalsOverlapThroughTheKernelAndEventfdSleepsInsteadOfSpinning() {
        Outcome signal = overlap("signal");
        Outcome eventfd = overlap("eventfd");
        Outcome poll = overlap("poll");
        assertTrue(signal.waitReturnedAt() - signal.computeEndedAt() < 5 * Durations.US,
                "signal: the handler fetched the data during the compute");
        assertTrue(signal.receiverCore().get(CoreTime.KERNEL.counter()) > poll.receiverCore().get(CoreTime.KERNEL.counter()),
                "the signal path costs kernel time");
        assertTrue(eventfd.waitReturnedAt() - eventfd.computeEndedAt() > 84 * Durations.US, "eventfd: no overlap");
        assertTrue(eventfd.receiverCore().getOrDefault(CoreTime.POLLING.counter(), 0L)
                < poll.receiverCore().get(CoreTime.POLLING.counter()) / 10, "eventfd waits asleep, not spinning");
        assertTrue(eventfd.receiverCore().get(CoreTime.IDLE.counter()) > 50 * Durations.US);
    }

    @Test
    void aProgressThreadOnASpareCoreOverlapsAndBurnsThatCore() {
        Outcome thread = overlap("progress-thread");
        assertTrue(thread.waitReturnedAt() - thread.computeEndedAt() < 5 * Durations.US,
                "the progress thread fetched the data during the compute: "
                        + (thread.waitReturnedAt() - thread.computeEndedAt()));
        assertEquals(COMPUTE, thread.receiverCore().get(CoreTime.COMPUTE.counter()));
        assertEquals(0L, thread.receiverCore().getOrDefault("core.uintr.deliveries", 0L));
    }

    @Test
    void idlePollProgressesFromTheIdleCoreAndFallsBackToATimerThreadWithout() {
        Outcome idle = overlap("idle-poll");
        assertTrue(idle.waitReturnedAt() - idle.computeEndedAt() < 5 * Durations.US,
                "the idle core's poller fetched the data during the compute: "
                        + (idle.waitReturnedAt() - idle.computeEndedAt()));
        assertEquals(COMPUTE, idle.receiverCore().get(CoreTime.COMPUTE.counter()), "the computing core only computed");
        assertTrue(idle.receiverNextCore().get(CoreTime.POLLING.counter()) > COMPUTE / 2,
                "the idle core spent its time polling: " + idle.receiverNextCore());

        long period = 30 * Durations.US;
        Outcome timer = overlap("idle-poll", "node.cores = 1\nmpi.idle-poll.timer-period = 30us");
        long late = timer.waitReturnedAt() - timer.computeEndedAt();
        assertTrue(late < period + 5 * Durations.US, "the timer thread progressed during the compute: " + late);
        assertTrue(timer.receiverCore().get(CoreTime.KERNEL.counter()) > 2 * (COMPUTE / period) * 1_500_000L,
                "two context switches per period on the computing core: " + timer.receiverCore());
        assertTrue(timer.receiverCore().get(CoreTime.COMPUTE.counter()) == COMPUTE);
    }

    @Test
    void xuiOverlapsWithCheaperInterruptsAndItsTimerRunsTheHandler() {
        String hardware = "core.uintr.tracked = on\nnode.device-forwarding = on";
        Outcome xui = overlap("xui", hardware);
        Outcome uintr = overlap("uintr");
        assertTrue(xui.waitReturnedAt() - xui.computeEndedAt() < 5 * Durations.US, "xui overlaps");
        assertTrue(xui.receiverCore().get("core.uintr.kb-timer-ticks") > 10, "the KB timer ticked: " + xui.receiverCore());
        long perXui = xui.receiverCore().get(CoreTime.INTERRUPT.counter()) / xui.receiverCore().get("core.uintr.deliveries");
        long perUintr = uintr.receiverCore().get(CoreTime.INTERRUPT.counter())
                / uintr.receiverCore().get("core.uintr.deliveries");
        assertTrue(perXui < perUintr / 3, "forwarded/tracked deliveries cost less: " + perXui + " vs " + perUintr);
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> overlap("xui"));
        assertTrue(e.getMessage().contains("xui needs xUI hardware"), e.getMessage());
    }
}
