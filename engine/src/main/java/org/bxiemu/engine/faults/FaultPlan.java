package org.bxiemu.engine.faults;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.faults.Targets.TargetClass;
import org.bxiemu.engine.units.Durations;

/**
 * A run's fault plan: the {@code faults} list of the configuration, parsed and checked once into
 * immutable {@link Fault} records before anything starts. Components ask it, when they are built,
 * which entries apply to their ids; what happens over time they then schedule themselves, in
 * virtual time. An empty plan changes nothing: components built from it schedule and draw nothing.
 */
public record FaultPlan(List<Fault> faults) {
    public static final String KEY = "faults";
    public static final String DEFAULTS = "fault-kinds";
    public static final FaultPlan NONE = new FaultPlan(List.of());

    private static final Set<String> COMMON = Set.of("kind", "targets", "start", "end", "duration");

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Parses and checks {@code faults} (defaults from {@code fault-kinds}); errors name the entry and key. */
    public static FaultPlan from(Config config) {
        if (!config.hasPath(KEY)) return NONE;
        ConfigList list;
        try {
            list = config.getList(KEY);
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(KEY + " (" + where(config.getValue(KEY).origin()) + "): expected a list of "
                    + "entries, e.g. [{kind = link-down, targets = \"link:sw0000.p4\", start = 10us, duration = 50us}]");
        }
        Config defaults = config.getConfig(DEFAULTS);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) faults.add(entry(i, list.get(i), defaults));
        return new FaultPlan(faults);
    }

    private static Fault entry(int index, ConfigValue value, Config defaults) {
        String label = KEY + "[" + index + "] (" + where(value.origin()) + ")";
        if (!(value instanceof ConfigObject object)) {
            throw new BadInputException(label + ": expected an entry {kind = …, targets = …, start = …}, got "
                    + value.render(com.typesafe.config.ConfigRenderOptions.concise()));
        }
        ConfigValue kindValue = object.get("kind");
        if (kindValue == null) {
            throw new BadInputException(label + ": missing key 'kind' (kinds: " + String.join(", ", FaultKind.names()) + ")");
        }
        String kindName = String.valueOf(kindValue.unwrapped()).trim();
        FaultKind kind = FaultKind.named(kindName).orElseThrow(() -> new BadInputException(label + ".kind: unknown kind '"
                + kindName + "' (kinds: " + String.join(", ", FaultKind.names()) + ")"));
        for (String key : new TreeSet<>(object.keySet())) {
            if (!COMMON.contains(key) && !kind.parameters().contains(key)) {
                List<String> keys = new ArrayList<>(List.of("kind", "targets", "start"));
                if (!kind.instant()) keys.addAll(List.of("end", "duration"));
                keys.addAll(kind.parameters());
                throw new BadInputException(label + ": unknown key '" + key + "' for " + kind.configName() + " (keys: "
                        + String.join(", ", keys) + ")");
            }
        }
        Config entry = object.toConfig();
        List<Targets> targets = targets(entry, label, kind);
        if (!entry.hasPath("start")) throw new BadInputException(label + ": missing key 'start' (a duration, e.g. 10us)");
        long start = duration(entry, "start", label);
        long end;
        if (kind.instant()) {
            for (String k : List.of("end", "duration")) {
                if (entry.hasPath(k)) {
                    throw new BadInputException(label + "." + k + ": " + kind.configName() + " is an instant: it takes"
                            + " a start only");
                }
            }
            end = start;
            if (kind == FaultKind.NODE_CRASH && start == 0) {
                throw new BadInputException(label + ".start: a node-crash must come after 0 (the node has to boot)");
            }
        } else if (entry.hasPath("end") && entry.hasPath("duration")) {
            throw new BadInputException(label + ": give either 'end' or 'duration', not both");
        } else if (entry.hasPath("end")) {
            end = duration(entry, "end", label);
            if (end <= start) {
                throw new BadInputException(label + ".end: " + Durations.format(end) + " is not after start "
                        + Durations.format(start));
            }
        } else if (entry.hasPath("duration")) {
            long d = duration(entry, "duration", label);
            if (d <= 0) throw new BadInputException(label + ".duration: must be positive");
            end = Math.addExact(start, d);
        } else {
            end = Fault.When.FOREVER;
        }
        Config merged = entry.withFallback(defaults.getConfig(kind.configName()));
        return kind.build(new Fault.When(index, where(value.origin()), targets, start, end),
                new Parameters(merged, label));
    }

    private static List<Targets> targets(Config entry, String label, FaultKind kind) {
        if (!entry.hasPath("targets")) {
            throw new BadInputException(label + ": missing key 'targets' (e.g. \"links:*\", \"node:n0042\")");
        }
        List<String> texts;
        ConfigValue v = entry.getValue("targets");
        if (v.valueType() == ConfigValueType.LIST) {
            texts = new ArrayList<>();
            for (ConfigValue t : (ConfigList) v) {
                if (t.valueType() != ConfigValueType.STRING) {
                    throw new BadInputException(label + ".targets: expected strings such as \"links:*\", got "
                            + t.render(com.typesafe.config.ConfigRenderOptions.concise()));
                }
                texts.add((String) t.unwrapped());
            }
        } else if (v.valueType() == ConfigValueType.STRING) {
            texts = List.of((String) v.unwrapped());
        } else {
            throw new BadInputException(label + ".targets: expected a target or a list of them, e.g. \"links:*\"");
        }
        if (texts.isEmpty()) throw new BadInputException(label + ".targets: name at least one target");
        List<Targets> out = new ArrayList<>();
        for (String text : texts) {
            Targets t = Targets.parse(text, label + ".targets");
            if (!kind.targets().contains(t.targetClass())) {
                throw new BadInputException(label + ".targets: " + kind.configName() + " applies to "
                        + String.join(" or ", kind.targets().stream().map(TargetClass::plural).toList()) + ", not to "
                        + t.targetClass().plural() + " ('" + text + "')");
            }
            out.add(t);
        }
        return out;
    }

    private static long duration(Config entry, String key, String label) {
        String text;
        try {
            text = entry.getString(key);
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(label + "." + key + ": expected a duration such as 10us");
        }
        return Durations.parse(text, label + "." + key);
    }

    /** An entry's keys over its kind's defaults, read with the checks each parameter needs. */
    static final class Parameters {
        private final Config config;
        private final String label;

        Parameters(Config config, String label) {
            this.config = config;
            this.label = label;
        }

        long duration(String key) {
            return FaultPlan.duration(config, key, label);
        }

        long positiveDuration(String key) {
            long d = duration(key);
            if (d <= 0) throw new BadInputException(label + "." + key + ": must be positive");
            return d;
        }

        double number(String key) {
            try {
                return config.getDouble(key);
            } catch (ConfigException.WrongType e) {
                throw new BadInputException(label + "." + key + ": expected a number, got "
                        + config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise()));
            }
        }

        /** A probability in 0..1. */
        double rate(String key) {
            double r = number(key);
            if (!(r >= 0 && r <= 1)) throw new BadInputException(label + "." + key + ": " + r + " is not a rate in 0..1");
            return r;
        }

        /** A frequency factor in (0, 1]. */
        double factor(String key) {
            double f = number(key);
            if (!(f > 0 && f <= 1)) {
                throw new BadInputException(label + "." + key + ": " + f + " is not a frequency factor in (0, 1]");
            }
            return f;
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String text = config.getString(key).trim();
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                String name = e.name().toLowerCase(Locale.ROOT);
                names.add(name);
                if (name.equals(text)) return e;
            }
            throw new BadInputException(label + "." + key + ": unknown value '" + text + "' (one of: "
                    + String.join(", ", names) + ")");
        }

        Fault noise(Fault.When when) {
            long length = positiveDuration("length");
            long period = positiveDuration("period");
            long jitter = duration("jitter");
            if (length >= period) {
                throw new BadInputException(label + ".length: " + Durations.format(length) + " is not shorter than"
                        + " period " + Durations.format(period));
            }
            if (jitter >= period - length) {
                throw new BadInputException(label + ".jitter: " + Durations.format(jitter) + " must stay under period"
                        + " minus length (" + Durations.format(period - length) + ")");
            }
            return new Fault.OsNoise(when, length, period, jitter);
        }
    }

    // ---- checks against the platform, and queries -------------------------------------------------------

    /**
     * Refuses entries whose targets name nothing on this platform, or a singular target naming
     * several ids. {@code ids} lists the platform's ids of each class (absent: none).
     */
    public void requireTargets(Map<TargetClass, List<String>> ids) {
        for (Fault f : faults) {
            for (Targets t : f.when().targets()) {
                List<String> candidates = ids.getOrDefault(t.targetClass(), List.of());
                int matched = 0;
                for (String id : candidates) if (t.matches(t.targetClass(), id)) matched++;
                if (matched == 0) {
                    throw new BadInputException(f.when().label() + ".targets: '" + t + "' matches no "
                            + t.targetClass().singular() + " of this platform (" + sample(candidates) + ")");
                }
                if (t.single() && matched > 1) {
                    throw new BadInputException(f.when().label() + ".targets: '" + t + "' names " + matched + " "
                            + t.targetClass().plural() + "; write " + t.targetClass().plural() + ":" + t.pattern()
                            + " for several");
                }
            }
        }
    }

    private static String sample(List<String> ids) {
        if (ids.isEmpty()) return "it has none";
        if (ids.size() <= 4) return "ids: " + String.join(", ", ids);
        return "ids: " + ids.get(0) + ", " + ids.get(1) + " … " + ids.get(ids.size() - 1);
    }

    /** The entries of {@code type} with a target of class {@code c} matching one of {@code ids}, in plan order. */
    public <T extends Fault> List<T> on(Class<T> type, TargetClass c, String... ids) {
        List<T> out = new ArrayList<>();
        for (Fault f : faults) {
            if (!type.isInstance(f)) continue;
            if (matches(f, c, ids)) out.add(type.cast(f));
        }
        return out;
    }

    /** The entries of {@code type} that name core {@code coreId} or its node {@code nodeId}, in plan order. */
    public <T extends Fault> List<T> onCore(Class<T> type, String nodeId, String coreId) {
        List<T> out = new ArrayList<>();
        for (Fault f : faults) {
            if (type.isInstance(f) && (matches(f, TargetClass.NODE, nodeId) || matches(f, TargetClass.CORE, coreId))) {
                out.add(type.cast(f));
            }
        }
        return out;
    }

    private static boolean matches(Fault f, TargetClass c, String... ids) {
        for (Targets t : f.when().targets()) {
            for (String id : ids) if (t.matches(c, id)) return true;
        }
        return false;
    }

    /** The plan as summary.json shows it: per entry its kind, targets, times and parameters. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Fault f : faults) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entry", f.when().entry());
            m.put("kind", f.kind().configName());
            m.put("targets", f.when().targets().stream().map(Targets::toString).toList());
            m.put("start_ps", f.when().start());
            m.put("end_ps", f.when().end() == Fault.When.FOREVER ? null : f.when().end());
            m.put("where", f.when().where());
            for (var c : f.getClass().getRecordComponents()) {
                if (c.getName().equals("when")) continue;
                try {
                    Object v = c.getAccessor().invoke(f);
                    if (v instanceof Long ps) m.put(c.getName() + "_ps", ps); // durations
                    else m.put(c.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : v);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            out.add(m);
        }
        return out;
    }

    private static String where(ConfigOrigin origin) {
        if (origin == null) return "?";
        if (origin.filename() != null) return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        return origin.description().replaceFirst(": [0-9]+$", "");
    }
}
