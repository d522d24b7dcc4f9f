package org.bxiemu.engine.faults;

import java.util.List;

/**
 * One entry of a run's fault plan: what goes wrong, where ({@link When#targets}), and when, in
 * virtual time. Each kind is a record with its own parameters; {@code docs/faults.md} and
 * {@code ./bxiemu describe faults} describe them.
 */
public sealed interface Fault {
    /**
     * Where and when an entry applies.
     *
     * @param entry   its index in the {@code faults} list
     * @param where   where it was written ({@code file.conf:12}, {@code --set faults})
     * @param targets the ids or patterns it names
     * @param start   when it starts, ps
     * @param end     when it ends, ps ({@link #FOREVER}: with the run; instants end when they start)
     */
    record When(int entry, String where, List<Targets> targets, long start, long end) {
        public static final long FOREVER = Long.MAX_VALUE;

        public When {
            targets = List.copyOf(targets);
        }

        /** Whether the entry applies at virtual time {@code t}. */
        public boolean covers(long t) {
            return t >= start && t < end;
        }

        /** "faults[2] (file.conf:12)", how errors and reports name the entry. */
        public String label() {
            return "faults[" + entry + "] (" + where + ")";
        }
    }

    When when();

    /** The kind, as the configuration names it. */
    default FaultKind kind() {
        return FaultKind.of(this);
    }

    /** How a random extra latency is drawn. */
    enum Distribution { FIXED, UNIFORM, EXPONENTIAL }

    /** Which interrupts an interrupt fault touches. */
    enum Interrupts { UINTR, MSI, ALL }

    /** The links are cut: packets put on them are lost; the fabric manager reroutes after {@code detection}. */
    record LinkDown(When when, long detection) implements Fault {}

    /** Ends the open-ended link-downs of the links it names (an instant). */
    record LinkUp(When when) implements Fault {}

    /** The switches drop everything; the fabric manager reroutes around them after {@code detection}. */
    record SwitchDown(When when, long detection) implements Fault {}

    /** Each packet put on the links is lost with probability {@code rate}. */
    record PacketLoss(When when, double rate) implements Fault {}

    /** Each packet put on the links arrives corrupted (the NIC's CRC check drops it) with probability {@code rate}. */
    record PacketCorruption(When when, double rate) implements Fault {}

    /** Each packet put on the links arrives later by {@code delay} (its mean when random); links stay in order. */
    record LinkDelay(When when, long delay, Distribution distribution) implements Fault {}

    /** The nodes' components (cores, kernel, memory hub, NIC) stop for good at {@code start} (an instant). */
    record NodeCrash(When when) implements Fault {}

    /** The cores run at {@code factor} times their frequency: work started meanwhile takes 1/factor as long. */
    record NodeSlowdown(When when, double factor) implements Fault {}

    /** Kernel work of {@code length} every {@code period} (± {@code jitter}, seeded) on the cores. */
    record OsNoise(When when, long length, long period, long jitter) implements Fault {}

    /** The interrupts reach the cores {@code delay} late. */
    record InterruptDelay(When when, long delay, Interrupts interrupts) implements Fault {}

    /** The interrupts are lost with probability {@code rate}. */
    record InterruptDrop(When when, double rate, Interrupts interrupts) implements Fault {}
}
