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

    @Test
    void anotherComponentsHandleIsRefused() {
        Component c = new Rearming();
        c.bind(0, "x", new Port[0], new java.util.SplittableRandom(1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> c.cancel(1L << 40));
    }
}
