package org.bxiemu.launcher;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.JobFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Kernel;
import org.bxiemu.protocol.engine.ComponentStatistics;
import org.bxiemu.protocol.engine.Counter;

/** A cluster run whose job never ended (a deadlock, a lost message, run.end too short) failed. */
final class JobEnd {
    private JobEnd() {}

    /** The job's end time; a job failure naming the threads still alive if it did not end. */
    static long require(RunResult result) {
        long end = -1;
        List<String> alive = new ArrayList<>();
        for (ComponentStatistics c : result.components()) {
            for (Counter k : c.getCountersList()) {
                if (k.getName().startsWith("kernel.process.") && k.getName().endsWith(".end-ps")) {
                    end = Math.max(end, k.getValue());
                }
                if (k.getName().startsWith(Kernel.ALIVE_AT_END)) {
                    alive.add(k.getName().substring(Kernel.ALIVE_AT_END.length()));
                }
            }
        }
        if (end < 0) {
            String who = alive.size() <= 8 ? String.join(", ", alive)
                    : String.join(", ", alive.subList(0, 8)) + " and " + (alive.size() - 8) + " more";
            throw new JobFailedException("the job did not finish: when the run ended at "
                    + Durations.format(result.virtualTime()) + ", " + alive.size() + " of its threads were still there"
                    + (alive.isEmpty() ? "" : " (" + who + ")") + ": a deadlock, a message never sent, or run.end too short");
        }
        return end;
    }
}
