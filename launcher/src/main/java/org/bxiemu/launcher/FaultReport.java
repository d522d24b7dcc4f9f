package org.bxiemu.launcher;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.launcher.output.ResultPrinter;

/** What a run's fault plan did, from the components' counters: one table after the job's. */
final class FaultReport {
    /** Counter, summed over all components, and how the table names it. */
    private static final String[][] EFFECTS = {
        {"switch.packets.lost", "packets lost on links (switches)"},
        {"switch.packets.corrupted", "packets corrupted (switches)"},
        {"nic.packets.corrupt-dropped", "corrupt packets dropped (NICs)"},
        {"nic.packets.retransmitted", "packets retransmitted (NICs)"},
        {"switch.reroutes", "reroutes (summed over switches)"},
        {"engine.halted-at.ps", "components halted"},
        {"core.noise.occurrences", "OS noise occurrences"},
        {"core.noise.ps", "OS noise time (us)"},
        {"core.interrupts.delayed", "interrupts delayed"},
        {"core.interrupts.dropped", "interrupts dropped"},
    };

    private FaultReport() {}

    static void print(RunResult result, Config config, PrintStream out, ResultPrinter figures) {
        FaultPlan plan = FaultPlan.from(config);
        if (plan.isEmpty()) return;
        Map<String, Long> effects = new LinkedHashMap<>();
        out.println("# Faults: " + plan.faults().size() + " entries (summary.json: faults), what they did");
        for (String[] e : EFFECTS) {
            long value = e[0].equals("engine.halted-at.ps") ? halted(result) : result.counterSum(e[0]);
            effects.put(e[0], value);
            String shown = e[0].equals("core.noise.ps") ? String.format(Locale.ROOT, "%.3f", value / 1e6)
                    : Long.toString(value);
            out.println(String.format(Locale.ROOT, "%-34s %12s", e[1], shown));
        }
        figures.figure("fault_effects", effects, null);
    }

    private static long halted(RunResult result) {
        long n = 0;
        for (var c : result.components()) {
            for (var k : c.getCountersList()) if (k.getName().equals("engine.halted-at.ps")) n++;
        }
        return n;
    }
}
