package org.bxiemu.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.bxiemu.engine.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bxiemu describe [COMPONENT]}: the components, or one component's parameters with
 * their defaults and the comment that declares them (meaning, unit, source) in reference.conf.
 */
@Command(name = "describe", description = "Lists components, or one component's parameters (default, unit, meaning).")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "COMPONENT", arity = "0..1", description = "A component kind, e.g. engine.")
    String component;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = Streams.out(spec);
        Config reference = ConfigFactory.defaultReference();
        Map<String, String> components = new TreeMap<>();
        reference.getConfig("bxiemu.components").root()
                .forEach((name, value) -> components.put(name, String.valueOf(value.unwrapped())));
        if (component == null) {
            out.println("Components (./bxiemu describe COMPONENT for its parameters):");
            int width = components.keySet().stream().mapToInt(String::length).max().orElse(0);
            components.forEach((name, text) -> out.println("  " + name + " ".repeat(width - name.length()) + "  " + text));
            out.flush();
            return Main.OK;
        }
        if (component.equals("faults")) return describeFaults(out, reference, components.get(component));
        if (!components.containsKey(component) || !reference.hasPath(component)) {
            throw new BadInputException("describe: unknown component '" + component + "' (components: "
                    + String.join(", ", components.keySet()) + ")");
        }
        out.println(component + ": " + components.get(component));
        print(out, component, reference.getObject(component));
        out.flush();
        return Main.OK;
    }

    /** The fault plan's format, then every kind with its targets and parameters (default, unit, meaning). */
    private static Integer describeFaults(PrintStream out, Config reference, String summary) {
        out.println("faults: " + summary);
        out.println();
        out.println("  faults = " + reference.getValue(org.bxiemu.engine.faults.FaultPlan.KEY).render());
        for (String comment : reference.getValue(org.bxiemu.engine.faults.FaultPlan.KEY).origin().comments()) {
            out.println("      " + comment.trim());
        }
        ConfigObject kinds = reference.getObject(org.bxiemu.engine.faults.FaultPlan.DEFAULTS);
        for (org.bxiemu.engine.faults.FaultKind kind : org.bxiemu.engine.faults.FaultKind.values()) {
            ConfigValue section = kinds.get(kind.configName());
            out.println();
            out.println("kind " + kind.configName() + " (targets: " + String.join(" or ", kind.targets().stream()
                    .map(org.bxiemu.engine.faults.Targets.TargetClass::plural).toList()) + "; "
                    + (kind.instant() ? "an instant: start only" : "start, then end or duration (none: to the run's end)")
                    + ")");
            for (String comment : section.origin().comments()) out.println("      " + comment.trim());
            if (section instanceof ConfigObject params) {
                print(out, org.bxiemu.engine.faults.FaultPlan.DEFAULTS + "." + kind.configName(), params);
            }
        }
        out.flush();
        return Main.OK;
    }

    private static void print(PrintStream out, String prefix, ConfigObject object) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            String key = prefix + "." + e.getKey();
            ConfigValue value = e.getValue();
            if (value instanceof ConfigObject nested) {
                print(out, key, nested);
                continue;
            }
            out.println();
            out.println("  " + key + " = " + value.render());
            for (String comment : value.origin().comments()) out.println("      " + comment.trim());
        }
    }
}
