package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A resource that schedules its "free" event only when someone waits ({@link Component#reserveOrder})
 * serves jobs in exactly the order of one that always schedules it, including jobs that arrive
 * at the very instant it frees up, from senders ordered before and after it. It serves the
 * last job to arrive first, so a resource that took itself for free as soon as the clock
 * reached its end (ignoring where its free event sits among events of that instant) would
 * start the first of two jobs arriving then instead of the second.
 */
class ReservedEventTest {
    private static final long JOB = 30 * Durations.NS;

    /** Sends a job named {@code name} at each of {@code times}. */
    static final class Sender extends Component {
        private final String name;
        private final long[] times;

        Sender(String name, long... times) {
            this.name = name;
            this.times = times;
        }

        private record Send(String job) {}

        @Override
        protected void onStart() {
            for (int i = 0; i < times.length; i++) {
                if (times[i] == 0) send(port("out"), name + i);
                else schedule(times[i], new Send(name + i));
            }
        }

        @Override
        protected void onEvent(Port port, Object message) {
            send(port("out"), ((Send) message).job());
        }
    }

    /** Serves one job at a time, for {@link #JOB} each, the last to arrive first. */
    static final class Resource extends Component {
        final List<String> starts = new ArrayList<>();
        private final boolean lazy;
        private final ArrayDeque<String> waiting = new ArrayDeque<>();
        private boolean busy; // eager
        private final Occupancy occupancy = new Occupancy(); // lazy

        private record Free() {}

        Resource(boolean lazy) { // lazy: schedules Free only when a job waits
            this.lazy = lazy;
        }

        @Override
        protected void onEvent(Port port, Object message) {
            if (message instanceof Free) {
                busy = false;
                occupancy.woken();
            } else {
                waiting.addLast((String) message);
            }
            tryStart();
        }

        private void tryStart() {
            if (lazy ? occupancy.busy() : busy) {
                if (lazy && !waiting.isEmpty()) occupancy.wakeWhenFree(new Free());
                return;
            }
            if (waiting.isEmpty()) return;
            starts.add(waiting.pollLast() + "@" + now());
            if (lazy) {
                occupancy.occupyUntil(now() + JOB);
                if (!waiting.isEmpty()) occupancy.wakeWhenFree(new Free());
            } else {
                busy = true;
                schedule(JOB, new Free());
            }
        }
    }

    private record Outcome(List<String> starts, long events) {}

    private static Outcome run(boolean lazy, boolean fusion) {
        List<Resource> made = new ArrayList<>();
        // "la" and "lo" sort before the resource in the total order, "zz" after: at 130 ns the
        // resource frees up, and jobs from all three arrive at that instant
        Platform platform = Platform.builder()
                .component("la", "la", () -> new Sender("la", 0, 30 * Durations.NS), "out")
                .component("lo", "lo", () -> new Sender("lo", 30 * Durations.NS, 31 * Durations.NS), "out")
                .component("res", "res", () -> {
                    Resource r = new Resource(lazy);
                    made.add(r);
                    return r;
                }, "a", "b", "c")
                .component("zz", "zz", () -> new Sender("zz", 30 * Durations.NS, 95 * Durations.NS), "out")
                .connect("la", "out", "res", "a", 100 * Durations.NS)
                .connect("lo", "out", "res", "b", 100 * Durations.NS)
                .connect("zz", "out", "res", "c", 100 * Durations.NS)
                .build();
        // one partition: the jobs are plain strings, which may not cross partitions
        EngineSettings engine = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(1).withFusion(fusion);
        RunResult r = Emulation.lead(RunSetup.of(platform, engine, 1, 1, Durations.S), null,
                RunProgress.NONE, Emulation.ChildObserver.NONE);
        return new Outcome(made.get(0).starts, r.events());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void lazyFreeEventsServeJobsInTheSameOrderAsEagerOnes(boolean fusion) {
        Outcome eager = run(false, fusion);
        Outcome lazy = run(true, fusion);
        // 130 ns: la1 then lo0 arrive just before the free event (lo0, the last, goes), zz0 just after it
        assertEquals(List.of("la0@100000", "lo0@130000", "lo1@160000", "zz0@190000", "zz1@220000", "la1@250000"),
                eager.starts());
        assertEquals(eager.starts(), lazy.starts());
        assertTrue(lazy.events() < eager.events(), "lazy " + lazy.events() + " vs eager " + eager.events());
    }

    @org.junit.jupiter.api.Test
    void onlyOwnReservedOrdersInTheFutureCanBeScheduled() {
        Component c = new Resource(true);
        c.bind(1, "x", new Port[0], new java.util.SplittableRandom(1));
        long mine = c.reserveOrder();
        assertThrows(IllegalArgumentException.class, () -> c.scheduleReserved(mine + 1, 10, "not reserved yet"));
        assertThrows(IllegalArgumentException.class, () -> c.scheduleReserved(5L << 40, 10, "another's"));
    }
}
