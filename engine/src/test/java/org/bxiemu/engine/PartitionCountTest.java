package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.phold.Phold;
import org.bxiemu.engine.phold.PholdParameters;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.partitions-per-jvm = auto} sizes the partitions by the platform's active
 * components; a lone partition, whose run is one window, still reports its progress.
 */
class PartitionCountTest {
    private static EngineSettings auto(int componentsPerPartition) {
        return EngineSettings.from(ConfigFactory.parseString("engine.partitions-per-jvm = auto\n"
                + "engine.components-per-partition = " + componentsPerPartition).withFallback(ConfigFactory.load()));
    }

    private static Platform lps(int n, int active) {
        Platform.Builder b = Platform.builder();
        for (int i = 0; i < n; i++) b.component(String.format("lp%03d", i), "g" + i, () -> new Component() {
            @Override
            protected void onEvent(Port port, Object message) {}
        });
        if (active >= 0) b.activeComponents(active);
        return b.build();
    }

    @Test
    void autoGivesOnePartitionPerActiveShareUpToTheProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(1, auto(2048).forPlatform(lps(100, -1)).partitionsPerJvm(), "few components: one partition");
        assertEquals(1, auto(100).forPlatform(lps(600, 40)).partitionsPerJvm(), "many, but few of them active");
        assertEquals(Math.min(processors, 3), auto(100).forPlatform(lps(300, -1)).partitionsPerJvm(),
                "all active by default");
        assertEquals(Math.min(processors, 2), auto(100).forPlatform(lps(600, 150)).partitionsPerJvm(),
                "rounded: 1.5 shares");
        assertEquals(7, auto(100).withPartitionsPerJvm(7).forPlatform(lps(10, -1)).partitionsPerJvm(),
                "a count that is set stays");
    }

    @Test
    void aLonePartitionReportsItsProgressInsideItsOneWindow() {
        // 4,096 LPs for 20 us: about 6.5 M events in one window
        PholdParameters p = PholdRuns.small(4096, 16, 0.5, 20_000);
        RunSetup setup = RunSetup.of(Phold.platform(p), auto(1 << 20), 1, 3, p.end());
        assertEquals(1, setup.settings().partitionsPerJvm());
        List<long[]> reports = new ArrayList<>();
        RunResult r = Emulation.lead(setup, (jvm, ref) -> {
            throw new AssertionError("single JVM");
        }, (window, virtualTime, events) -> reports.add(new long[] {window, virtualTime, events}),
                Emulation.ChildObserver.NONE);
        assertTrue(r.windows() <= 2, r.windows() + " windows");
        long inside = reports.stream().filter(x -> x[1] > 0 && x[1] < p.end() && x[2] < r.events()).count();
        assertTrue(inside >= 3, "progress inside the window, every 2^20 events: " + reports.size() + " reports for "
                + r.events() + " events");
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[1] >= reports.get(i - 1)[1] && reports.get(i)[2] >= reports.get(i - 1)[2],
                    "virtual time and events only grow");
        }
    }
}
