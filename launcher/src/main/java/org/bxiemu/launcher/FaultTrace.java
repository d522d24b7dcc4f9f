package org.bxiemu.launcher;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.faults.Fault;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.engine.faults.Targets;
import org.bxiemu.protocol.engine.TraceSpan;

/**
 * The fault plan's entries as instant events of the trace, on a track of their own: where each
 * starts and ends (the components add what the faults did: halts, reroutes, dropped interrupts).
 */
final class FaultTrace {
    static final String TRACK = "faults";

    private FaultTrace() {}

    /** {@code spans} (empty: the run was not traced) plus an instant per entry's start and end inside the trace window. */
    static List<TraceSpan> withEntries(List<TraceSpan> spans, FaultPlan plan, EngineSettings engine) {
        if (!engine.trace()) return spans;
        List<TraceSpan> out = new ArrayList<>(spans);
        for (Fault f : plan.faults()) {
            String what = f.kind().configName() + " " + String.join(" ",
                    f.when().targets().stream().map(Targets::toString).toList()) + " (faults[" + f.when().entry() + "])";
            instant(out, engine, f.kind().instant() ? what : what + " starts", f.when().start());
            if (!f.kind().instant() && f.when().end() != Fault.When.FOREVER) instant(out, engine, what + " ends", f.when().end());
        }
        return out;
    }

    private static void instant(List<TraceSpan> out, EngineSettings engine, String name, long at) {
        if (at < engine.traceFilter().from() || at >= engine.traceFilter().to()) return;
        out.add(TraceSpan.newBuilder().setComponent(TRACK).setCategory("fault").setName(name).setStart(at).setEnd(at).build());
    }
}
