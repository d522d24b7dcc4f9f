package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cancelled event is never delivered and does not count as the run's last event, fused or not. */
class CancelTest {
    /** Schedules a timer at 50 ns and re-arms it to 30 ns after 10 ns (cancelling the first). */
    static final class Rearming extends Component {
        final List<String> seen = new ArrayList<>();
        private long timer;

        private record Tick(String name) {}

        @Override
        protected void onStart() {
            timer = schedule(50 * Durations.NS, new Tick("first"));
            schedule(10 * Durations.NS, new Tick("re-arm"));
        }

        @Override
        protected void onEvent(Port port, Object message) {
            Tick t = (Tick) message;
            seen.add(t.name() + "@" + now());
            if (t.name().equals("re-arm")) {
                cancel(timer);
                timer = schedule(20 * Durations.NS, new Tick("second"));
            }
            stats().counter("seen").add(1);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theCancelledTimerNeverFiresAndTheRunEndsAtTheLastRealEvent(boolean fusion) {
        List<Rearming> made = new ArrayList<>();
        Platform platform = Platform.builder().component("a", "a", () -> {
            Rearming r = new Rearming();
            made.add(r);
            return r;
        }, "p").component("b", "b", Rearming::new, "p").connect("a", "p", "b", "p", 100 * Durations.NS).build();
        EngineSettings engine = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(1).withFusion(fusion);
        RunResult r = Emulation.lead(RunSetup.of(platform, engine, 1, 1, Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        assertEquals(List.of("re-arm@10000", "second@30000"), made.get(0).seen);
        assertEquals(30 * Durations.NS, r.virtualTime(), "the cancelled 50 ns timer is not the last event");
    }

    /** Arms a far deadline every 10 ns for 1 µs and cancels each 5 ns later, as waits with timeouts do. */
    static final class Deadlines extends Component {
        private record Step(int n) {}

        private record Deadline() {}

        private long armed;

        @Override
        protected void onStart() {
            schedule(10 * Durations.NS, new Step(0));
        }

        @Override
        protected void onEvent(Port port, Object message) {
            if (message instanceof Deadline) throw new IllegalStateException("a cancelled deadline fired");
            Step s = (Step) message;
            if (armed != 0) {
                cancel(armed);
                armed = 0;
            }
            if (s.n() % 2 == 0 && s.n() < 200) armed = schedule(Durations.S + s.n() * Durations.US, new Deadline());
            if (s.n() < 200) schedule(5 * Durations.NS, new Step(s.n() + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancelledFarDeadlinesDoNotMakeTheRunStepThroughEmptyWindows(boolean fusion) {
        Platform platform = Platform.builder().component("a", "a", Deadlines::new, "p")
                .component("b", "b", Deadlines::new, "p").connect("a", "p", "b", "p", 100 * Durations.NS).build();
        EngineSettings engine = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(2).withFusion(fusion);
        RunResult r = Emulation.lead(RunSetup.of(platform, engine, 1, 2, 10 * Durations.S), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
        assertEquals(1_010 * Durations.NS, r.virtualTime());
        org.junit.jupiter.api.Assertions.assertTrue(r.windows() < 50, "windows: " + r.windows());
    }

    @Test
    void anotherComponentsHandleIsRefused() {
        Component c = new Rearming();
        c.bind(0, "x", new Port[0], new java.util.SplittableRandom(1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> c.cancel(1L << 40));
    }
}
