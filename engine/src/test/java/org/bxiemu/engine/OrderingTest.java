package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.protocol.phold.PholdEvent;
import org.junit.jupiter.api.Test;

/**
 * Simultaneous events reach a component in (time, sender, sequence) order, whatever the
 * partitioning and execution mode; and the causality guard stops a run whose windows are wider
 * than its links allow.
 */
class OrderingTest {
    private static final long LATENCY = 100 * Durations.NS;

    /** Sends {@code burst} events at time 0 through its port; all arrive at the same instant. */
    static final class Burst extends Component {
        private final int burst;

        Burst(int burst) {
            this.burst = burst;
        }

        @Override
        protected void onStart() {
            for (int i = 0; i < burst; i++) send(port("out"), PholdEvent.newBuilder().setHops(i).build());
        }

        @Override
        protected void onEvent(Port port, Object message) {}
    }

    /** Records (time, sender port, sequence carried in the event) in arrival order. */
    static final class Recorder extends Component {
        final List<long[]> seen;

        Recorder(List<long[]> seen) {
            this.seen = seen;
        }

        @Override
        protected void onEvent(Port port, Object message) {
            seen.add(new long[] {now(), Long.parseLong(port.name().substring(2)), ((PholdEvent) message).getHops()});
        }
    }

    private static Platform fanIn(int senders, int burst, List<long[]> seen) {
        Platform.Builder b = Platform.builder();
        String[] inPorts = new String[senders];
        for (int s = 0; s < senders; s++) inPorts[s] = "in" + s;
        b.component("sink", "sink", () -> new Recorder(seen), inPorts);
        // reversed creation order: indices must follow ids, not the order of declaration
        for (int s = senders - 1; s >= 0; s--) {
            b.component(String.format("src%02d", s), "src" + s, () -> new Burst(burst), "out");
            b.connect(String.format("src%02d", s), "out", "sink", "in" + s, LATENCY);
        }
        return b.build();
    }

    private static RunResult run(Platform platform, int partitions, boolean fusion) {
        EngineSettings settings = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(partitions)
                .withFusion(fusion);
        return Emulation.lead(RunSetup.of(platform, settings, 1, 3, Durations.US), null, RunProgress.NONE,
                Emulation.ChildObserver.NONE);
    }

    @Test
    void simultaneousEventsArriveBySenderThenSequence() {
        for (int partitions : new int[] {1, 2, 4}) {
            for (boolean fusion : new boolean[] {true, false}) {
                List<long[]> seen = Collections.synchronizedList(new ArrayList<>());
                run(fanIn(6, 5, seen), partitions, fusion);
                assertEquals(30, seen.size());
                for (int i = 0; i < seen.size(); i++) {
                    long[] e = seen.get(i);
                    assertEquals(LATENCY, e[0], "all arrive at the link latency");
                    assertEquals(i / 5, e[1], "sender order, partitions=" + partitions + " fusion=" + fusion);
                    assertEquals(i % 5, e[2], "sequence order within a sender");
                }
            }
        }
    }

    /** Bounces one event between two components: each hop must come later than the last. */
    static final class PingPong extends Component {
        private final boolean serve;

        PingPong(boolean serve) {
            this.serve = serve;
        }

        @Override
        protected void onStart() {
            if (serve) send(port("p"), PholdEvent.getDefaultInstance());
        }

        @Override
        protected void onEvent(Port port, Object message) {
            span("handler", "bounce", now(), now() + Durations.NS);
            send(port("p"), message);
        }
    }

    private static Platform pingPong() {
        return Platform.builder()
                .component("a", "a", () -> new PingPong(true), "p")
                .component("b", "b", () -> new PingPong(false), "p")
                .connect("a", "p", "b", "p", LATENCY)
                .build();
    }

    @Test
    void causalityGuardStopsARunWhoseWindowsOutgrowItsLinks() {
        for (boolean fusion : new boolean[] {true, false}) {
            Platform platform = pingPong();
            EngineSettings settings = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(2)
                    .withFusion(fusion);
            PartitionMap map = new PartitionMap(platform, 1, 2);
            // a broken engine: windows 10x wider than the link that crosses the partitions
            Lookahead broken = new Lookahead(10 * LATENCY, 10 * LATENCY);
            RunSetup setup = new RunSetup(platform, map, broken, settings, 1, Durations.US);
            RunFailedException e = assertThrows(RunFailedException.class,
                    () -> Emulation.lead(setup, null, RunProgress.NONE, Emulation.ChildObserver.NONE));
            assertTrue(e.getMessage().startsWith("causality violation"), e.getMessage());
        }
    }

    @Test
    void causalityGuardRefusesAnEventInTheComponentsPast() {
        PingPong c = new PingPong(false);
        c.now = 5 * LATENCY;
        c.bind(0, "x", new Port[0], null);
        CausalityViolation v = assertThrows(CausalityViolation.class,
                () -> c.deliver(LATENCY, 0, Port.SELF_INDEX, PholdEvent.getDefaultInstance()));
        assertTrue(v.getMessage().contains("x was handed an event at 100ns"), v.getMessage());
    }

    @Test
    void pingPongRunsCorrectlyWithHonestLookahead() {
        RunResult a = run(pingPong(), 2, true);
        RunResult b = run(pingPong(), 1, false);
        assertEquals(a.digest(), b.digest());
        // arrivals at 100ns, 200ns, ... 900ns: the end time (1us) is exclusive
        assertEquals(9, a.events());
        assertEquals(900 * Durations.NS, a.virtualTime());
        assertEquals(1, a.pendingEvents(), "the hop due at 1us stays pending");
    }

    /** Ticks every 7ns (well inside one sub-window) and tells its peer every 10th tick. */
    static final class Ticker extends Component {
        @Override
        protected void onStart() {
            schedule(1 + rng().nextInt(7), PholdEvent.getDefaultInstance());
        }

        @Override
        protected void onEvent(Port port, Object message) {
            if (port.isSelf()) {
                PholdEvent tick = (PholdEvent) message;
                stats().counter("ticks").increment();
                if (tick.getHops() % 10 == 9) send(port("p"), tick);
                schedule(7 * Durations.NS, tick.toBuilder().setHops(tick.getHops() + 1).build());
            } else {
                stats().histogram("heard.at").record(now());
            }
        }
    }

    @Test
    void selfScheduledEventsInsideASubWindowCountTheSameInEveryMode() {
        Platform.Builder b = Platform.builder();
        for (int i = 0; i < 4; i++) b.component("t" + i, "t" + i, Ticker::new, "p");
        Platform platform = b.connect("t0", "p", "t1", "p", LATENCY).connect("t2", "p", "t3", "p", LATENCY).build();
        RunResult reference = run(platform, 1, true);
        assertTrue(reference.counterSum("ticks") > 500, "ticks: " + reference.counterSum("ticks"));
        for (int partitions : new int[] {1, 2, 4}) {
            for (boolean fusion : new boolean[] {true, false}) {
                RunResult r = run(platform, partitions, fusion);
                String where = "partitions=" + partitions + " fusion=" + fusion;
                assertEquals(reference.digest(), r.digest(), where);
                assertEquals(reference.events(), r.events(), where);
                assertEquals(reference.virtualTime(), r.virtualTime(), where);
            }
        }
    }

    @Test
    void traceSpansAreKeptOnlyWhenAskedAndDoNotDependOnPlacement() {
        assertTrue(run(pingPong(), 2, true).spans().isEmpty(), "engine.trace is off by default");
        List<String> reference = null;
        for (int partitions : new int[] {1, 2}) {
            for (boolean fusion : new boolean[] {true, false}) {
                EngineSettings settings = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(partitions)
                        .withFusion(fusion).withTrace(true);
                RunResult r = Emulation.lead(RunSetup.of(pingPong(), settings, 1, 3, Durations.US), null,
                        RunProgress.NONE, Emulation.ChildObserver.NONE);
                List<String> spans = r.spans().stream()
                        .map(s -> s.getComponent() + " " + s.getCategory() + " " + s.getStart() + ".." + s.getEnd())
                        .toList();
                assertEquals(9, spans.size());
                assertEquals("b handler 100000..101000", spans.get(0));
                assertEquals("a handler 200000..201000", spans.get(1));
                if (reference == null) reference = spans;
                assertEquals(reference, spans, "partitions=" + partitions + " fusion=" + fusion);
            }
        }
    }

    @Test
    void linkShorterThanConfiguredLookaheadIsRefusedByName() {
        Platform platform = pingPong();
        EngineSettings settings = EngineSettings.from(ConfigFactory.parseString("engine.lookahead = 200ns")
                .withFallback(ConfigFactory.load())).withPartitionsPerJvm(2);
        BadInputException e = assertThrows(BadInputException.class, () -> RunSetup.of(platform, settings, 1, 1, 1));
        assertEquals("link a.p-b.p: latency 100ns is shorter than the lookahead 200ns that applies to it"
                + " (engine.lookahead); lower engine.lookahead or lengthen the link", e.getMessage());
    }

    @Test
    void zeroLatencyLinkIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> Platform.builder()
                .component("a", "a", () -> new PingPong(true), "p")
                .component("b", "b", () -> new PingPong(false), "p")
                .connect("a", "p", "b", "p", 0).build());
        assertTrue(e.getMessage().startsWith("link a.p-b.p: latency 0ps"), e.getMessage());
    }

    @Test
    void lookaheadsComeFromTheShortestLinks() {
        Platform platform = Platform.builder()
                .component("a", "a", () -> new PingPong(true), "p", "q")
                .component("b", "b", () -> new PingPong(false), "p", "q")
                .connect("a", "p", "b", "p", LATENCY)
                .connect("a", "q", "b", "q", 3 * LATENCY)
                .build();
        PartitionMap two = new PartitionMap(platform, 1, 2);
        assertEquals(new Lookahead(LATENCY, Long.MAX_VALUE),
                Lookahead.compute(platform, two, OptionalLong.empty(), OptionalLong.empty()));
        PartitionMap one = new PartitionMap(platform, 1, 1);
        assertEquals(new Lookahead(Long.MAX_VALUE, LATENCY),
                Lookahead.compute(platform, one, OptionalLong.empty(), OptionalLong.empty()));
    }
}
