package org.bxiemu.node;

import static org.bxiemu.node.NodeRuns.awaitFlag;
import static org.bxiemu.node.NodeRuns.compute;
import static org.bxiemu.node.NodeRuns.mark;
import static org.bxiemu.node.NodeRuns.raise;
import static org.bxiemu.node.NodeRuns.step;
import static org.bxiemu.node.user.Script.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Model;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.UserInterruptTest.Shared;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Step;
import org.bxiemu.node.user.UserInterruptHandler;
import org.junit.jupiter.api.Test;

/** Every picosecond of a core goes to exactly one of the seven time categories. */
class CoreTimeTest {
    static final long US = Durations.US;
    static final long DONE = 0x300;

    /**
     * Core 0 sends a user interrupt to core 1 after polling, computing and running library code;
     * core 1 computes (split by the interrupt, whose handler computes too), polls a word, then
     * sleeps; core 2 sleeps then computes; core 3 has no thread.
     */
    static Rig scenario() {
        Shared s = new Shared();
        UserInterruptHandler handler = (vector, api) -> Script.handler(new Step.Uiret(), compute(2 * US));
        Rig rig = new Rig("node.cores = 4");
        rig.thread(0, UserInterruptTest.senderSetup(s, 5), compute(20 * US), step(new Step.Library(1000)),
                UserInterruptTest.send(s, 5), compute(10 * US), raise(DONE));
        rig.thread(1, UserInterruptTest.receiverSetup(s, handler, 5), step(new Step.Stui()),
                raise(UserInterruptTest.READY), compute(100 * US), awaitFlag(DONE),
                step(new Step.SpinUntil(() -> true)), call(new Syscall.Nanosleep(30 * US)), mark("c1.end"));
        rig.thread(2, call(new Syscall.Nanosleep(150 * US)), compute(10 * US), mark("c2.end"));
        return rig;
    }

    static long sumOfCategories(Map<String, Long> c) {
        long sum = 0;
        for (CoreTime t : CoreTime.values()) sum += c.getOrDefault(t.counter(), 0L);
        return sum;
    }

    static long time(Map<String, Long> c, CoreTime t) {
        return c.getOrDefault(t.counter(), 0L);
    }

    @Test
    void categoriesSumToTheTotalAndEachIsWhereTheWorkWas() {
        Rig rig = scenario();
        Run r = rig.run();
        Model m = rig.model;
        long end = r.result().virtualTime();
        long latest = 0;
        for (int core = 0; core < 4; core++) {
            Map<String, Long> c = r.core(0, core);
            long total = c.getOrDefault("core.time.total", 0L);
            assertEquals(sumOfCategories(c), total, "core " + core);
            assertTrue(total <= end, "core " + core);
            latest = Math.max(latest, total);
        }
        assertEquals(end, latest, "the busiest core accounts up to the last event of the run");

        Map<String, Long> c0 = r.core(0, 0);
        assertEquals(30 * US, time(c0, CoreTime.COMPUTE));
        assertEquals(m.cycles(1000) + m.ps(m.core().senduipi()) + m.ps(m.core().store()), time(c0, CoreTime.LIBRARY));
        assertTrue(time(c0, CoreTime.POLLING) > 0, "WaitWord for the receiver");
        assertTrue(time(c0, CoreTime.KERNEL) > 0);
        assertTrue(time(c0, CoreTime.IDLE) > 0, "before the boot dispatch");
        assertEquals(0, time(c0, CoreTime.INTERRUPT));
        assertEquals(0, time(c0, CoreTime.HANDLER));

        Map<String, Long> c1 = r.core(0, 1);
        assertEquals(100 * US, time(c1, CoreTime.COMPUTE));
        assertEquals(UserInterruptTest.receiverCost(m), time(c1, CoreTime.INTERRUPT));
        assertEquals(2 * US + m.ps(m.core().uiret()), time(c1, CoreTime.HANDLER));
        assertEquals(m.ps(m.core().stui()) + m.ps(m.core().store()), time(c1, CoreTime.LIBRARY));
        assertTrue(time(c1, CoreTime.POLLING) > 0, "WaitWord for the sender");
        assertTrue(time(c1, CoreTime.KERNEL) > 0);
        assertTrue(time(c1, CoreTime.IDLE) > 30 * US, "the nanosleep");

        Map<String, Long> c2 = r.core(0, 2);
        assertEquals(10 * US, time(c2, CoreTime.COMPUTE));
        assertTrue(time(c2, CoreTime.IDLE) > 150 * US);
        assertTrue(time(c2, CoreTime.KERNEL) > 0);
        assertEquals(0, time(c2, CoreTime.POLLING) + time(c2, CoreTime.LIBRARY) + time(c2, CoreTime.INTERRUPT)
                + time(c2, CoreTime.HANDLER));
    }

    @Test
    void everyCoreAccountsTheWholeRun() {
        Run r = scenario().run();
        long end = r.result().virtualTime();
        for (int core = 0; core < 4; core++) {
            assertEquals(end, r.core(0, core, "core.time.total"), "core " + core);
        }
    }
}
