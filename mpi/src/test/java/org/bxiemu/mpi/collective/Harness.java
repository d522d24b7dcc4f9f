package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/** Helpers shared by the tests: buffers, per-rank arguments, running a collective on p ranks. */
final class Harness {
    private Harness() {}

    /** A real buffer with element i = f(i). */
    static Buffer filled(Datatype dt, int count, IntToLongFunction f) {
        Buffer b = Buffer.allocate(dt, count);
        for (int i = 0; i < count; i++) {
            b.set(i, f.applyAsLong(i));
        }
        return b;
    }

    /** A real buffer filled with a sentinel that no test value uses. */
    static Buffer garbage(Datatype dt, int count) {
        return filled(dt, count, i -> -999_999);
    }

    /** The schedules of all ranks, and the simulation of them (buffer ownership checked). */
    static ScheduleSimulator.Result run(CollectiveAlgorithm alg, int p, IntFunction<CollectiveArgs> argsOf) {
        return run(alg, p, argsOf, null);
    }

    static ScheduleSimulator.Result run(CollectiveAlgorithm alg, int p, IntFunction<CollectiveArgs> argsOf,
            List<Schedule> out) {
        List<Schedule> schedules = new ArrayList<>();
        List<List<Buffer>> user = new ArrayList<>();
        for (int r = 0; r < p; r++) {
            CollectiveArgs a = argsOf.apply(r);
            schedules.add(alg.schedule(r, p, a));
            user.add(Arrays.asList(a.send(), a.recv()));
        }
        if (out != null) {
            out.addAll(schedules);
        }
        return ScheduleSimulator.run(schedules, user);
    }

    static List<Schedule> schedules(CollectiveAlgorithm alg, int p, IntFunction<CollectiveArgs> argsOf) {
        List<Schedule> s = new ArrayList<>();
        for (int r = 0; r < p; r++) {
            s.add(alg.schedule(r, p, argsOf.apply(r)));
        }
        return s;
    }

    static int ceilLog2(int p) {
        int lg = 0;
        while ((1 << lg) < p) {
            lg++;
        }
        return lg;
    }

    static boolean isPow2(int p) {
        return Integer.bitCount(p) == 1;
    }
}
