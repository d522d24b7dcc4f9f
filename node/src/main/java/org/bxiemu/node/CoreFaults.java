package org.bxiemu.node;

import java.util.List;
import org.bxiemu.engine.faults.Fault;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.kernel.Vectors;

/** The fault-plan entries that apply to one core: slowdowns, OS noise, delayed and dropped interrupts. */
public record CoreFaults(List<Fault.NodeSlowdown> slowdowns, List<Fault.OsNoise> noises,
        List<Fault.InterruptDelay> delays, List<Fault.InterruptDrop> drops) {
    public static final CoreFaults NONE = new CoreFaults(List.of(), List.of(), List.of(), List.of());

    public CoreFaults {
        slowdowns = List.copyOf(slowdowns);
        noises = List.copyOf(noises);
        delays = List.copyOf(delays);
        drops = List.copyOf(drops);
    }

    /** The entries naming core {@code coreId} or its node {@code nodeId}. */
    public static CoreFaults of(FaultPlan plan, String nodeId, String coreId) {
        if (plan.isEmpty()) return NONE;
        CoreFaults f = new CoreFaults(plan.onCore(Fault.NodeSlowdown.class, nodeId, coreId),
                plan.onCore(Fault.OsNoise.class, nodeId, coreId), plan.onCore(Fault.InterruptDelay.class, nodeId, coreId),
                plan.onCore(Fault.InterruptDrop.class, nodeId, coreId));
        return f.isEmpty() ? NONE : f;
    }

    public boolean isEmpty() {
        return slowdowns.isEmpty() && noises.isEmpty() && delays.isEmpty() && drops.isEmpty();
    }

    /** Whether an interrupt fault may touch the core's interrupts. */
    boolean touchesInterrupts() {
        return !delays.isEmpty() || !drops.isEmpty();
    }

    /** The class of an interrupt a fault can touch; null for the core's own (timer, reschedule IPIs). */
    static Fault.Interrupts classOf(int vector) {
        if (vector == Vectors.UINTR_NOTIFICATION || vector == Vectors.UINTR_KERNEL_WAIT) return Fault.Interrupts.UINTR;
        if (vector >= Vectors.FIRST_DEVICE && vector < Vectors.LOCAL_TIMER) return Fault.Interrupts.MSI;
        return null;
    }

    static boolean touches(Fault.Interrupts which, Fault.Interrupts what) {
        return what != null && (which == Fault.Interrupts.ALL || which == what);
    }
}
