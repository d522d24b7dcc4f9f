package org.bxiemu.engine.faults;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.bxiemu.engine.faults.Targets.TargetClass;

/**
 * The kinds of fault: the name the configuration uses, the ids they may name, whether they are
 * an instant (no end), and their parameters (declared with default, unit and meaning under
 * {@code fault-kinds.<kind>} in the engine's reference.conf).
 */
public enum FaultKind {
    LINK_DOWN("link-down", EnumSet.of(TargetClass.LINK), false, List.of("detection"),
            (w, p) -> new Fault.LinkDown(w, p.duration("detection"))),
    LINK_UP("link-up", EnumSet.of(TargetClass.LINK), true, List.of(), (w, p) -> new Fault.LinkUp(w)),
    SWITCH_DOWN("switch-down", EnumSet.of(TargetClass.SWITCH), false, List.of("detection"),
            (w, p) -> new Fault.SwitchDown(w, p.duration("detection"))),
    PACKET_LOSS("packet-loss", EnumSet.of(TargetClass.LINK), false, List.of("rate"),
            (w, p) -> new Fault.PacketLoss(w, p.rate("rate"))),
    PACKET_CORRUPTION("packet-corruption", EnumSet.of(TargetClass.LINK), false, List.of("rate"),
            (w, p) -> new Fault.PacketCorruption(w, p.rate("rate"))),
    LINK_DELAY("link-delay", EnumSet.of(TargetClass.LINK), false, List.of("delay", "distribution"),
            (w, p) -> new Fault.LinkDelay(w, p.positiveDuration("delay"),
                    p.choice("distribution", Fault.Distribution.class))),
    NODE_CRASH("node-crash", EnumSet.of(TargetClass.NODE), true, List.of(), (w, p) -> new Fault.NodeCrash(w)),
    NODE_SLOWDOWN("node-slowdown", EnumSet.of(TargetClass.NODE, TargetClass.CORE), false, List.of("factor"),
            (w, p) -> new Fault.NodeSlowdown(w, p.factor("factor"))),
    OS_NOISE("os-noise", EnumSet.of(TargetClass.NODE, TargetClass.CORE), false, List.of("length", "period", "jitter"),
            (w, p) -> p.noise(w)),
    INTERRUPT_DELAY("interrupt-delay", EnumSet.of(TargetClass.NODE, TargetClass.CORE), false,
            List.of("delay", "interrupts"),
            (w, p) -> new Fault.InterruptDelay(w, p.positiveDuration("delay"),
                    p.choice("interrupts", Fault.Interrupts.class))),
    INTERRUPT_DROP("interrupt-drop", EnumSet.of(TargetClass.NODE, TargetClass.CORE), false,
            List.of("rate", "interrupts"),
            (w, p) -> new Fault.InterruptDrop(w, p.rate("rate"), p.choice("interrupts", Fault.Interrupts.class)));

    private final String configName;
    private final Set<TargetClass> targets;
    private final boolean instant;
    private final List<String> parameters;
    private final BiFunction<Fault.When, FaultPlan.Parameters, Fault> factory;

    FaultKind(String configName, Set<TargetClass> targets, boolean instant, List<String> parameters,
            BiFunction<Fault.When, FaultPlan.Parameters, Fault> factory) {
        this.configName = configName;
        this.targets = targets;
        this.instant = instant;
        this.parameters = parameters;
        this.factory = factory;
    }

    public String configName() {
        return configName;
    }

    /** The classes of ids the kind may name. */
    public Set<TargetClass> targets() {
        return targets;
    }

    /** An instant has a start and no end or duration. */
    public boolean instant() {
        return instant;
    }

    /** The kind's own keys besides kind, targets, start, end and duration. */
    public List<String> parameters() {
        return parameters;
    }

    Fault build(Fault.When when, FaultPlan.Parameters parameters) {
        return factory.apply(when, parameters);
    }

    /** Every kind's configuration name, in declaration order. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(FaultKind::configName).toList();
    }

    public static java.util.Optional<FaultKind> named(String name) {
        for (FaultKind k : values()) if (k.configName.equals(name)) return java.util.Optional.of(k);
        return java.util.Optional.empty();
    }

    static FaultKind of(Fault fault) {
        return switch (fault) {
            case Fault.LinkDown f -> LINK_DOWN;
            case Fault.LinkUp f -> LINK_UP;
            case Fault.SwitchDown f -> SWITCH_DOWN;
            case Fault.PacketLoss f -> PACKET_LOSS;
            case Fault.PacketCorruption f -> PACKET_CORRUPTION;
            case Fault.LinkDelay f -> LINK_DELAY;
            case Fault.NodeCrash f -> NODE_CRASH;
            case Fault.NodeSlowdown f -> NODE_SLOWDOWN;
            case Fault.OsNoise f -> OS_NOISE;
            case Fault.InterruptDelay f -> INTERRUPT_DELAY;
            case Fault.InterruptDrop f -> INTERRUPT_DROP;
        };
    }
}
