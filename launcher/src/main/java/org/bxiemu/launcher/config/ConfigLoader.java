package org.bxiemu.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueType;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bxiemu.engine.BadInputException;

/**
 * Loads a run's configuration: the modules' reference.conf (every parameter, declared once),
 * then the user's files left to right (later wins), then {@code --set key=value} overrides.
 * The user's layer is validated against the reference before anything starts.
 */
public final class ConfigLoader {
    private Config user = ConfigFactory.empty();

    public ConfigLoader file(Path path) {
        if (!Files.isRegularFile(path)) throw new BadInputException(path + ": no such configuration file");
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setIncluder(new StrictIncluder()));
        } catch (ConfigException e) {
            throw new BadInputException(message(e, path.toString()));
        } catch (BadInputException e) {
            throw new BadInputException(path + ": " + e.getMessage()); // a missing include
        }
        user = sourceProgramFrom(parsed, path).withFallback(user);
        return this;
    }

    /**
     * A rank program given as a Java file ({@code job.program = "Halo.java"}) is found next to the
     * configuration that names it: the path becomes absolute, so child JVMs find it too.
     */
    private static Config sourceProgramFrom(Config parsed, Path file) {
        if (!parsed.hasPath("job.program")) return parsed;
        com.typesafe.config.ConfigValue value = parsed.getValue("job.program");
        if (value.valueType() != com.typesafe.config.ConfigValueType.STRING) return parsed;
        String program = (String) value.unwrapped();
        if (!program.endsWith(".java")) return parsed;
        Path base = file.toAbsolutePath().getParent();
        String absolute = base.resolve(program).normalize().toString();
        return parsed.withValue("job.program", ConfigValueFactory.fromAnyRef(absolute).withOrigin(value.origin()));
    }

    /** A {@code key=value} override; the value is HOCON ({@code 100ns}, {@code on}, {@code 3}). */
    public ConfigLoader set(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new BadInputException("--set " + assignment + ": expected key=value");
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        Config one;
        try {
            one = ConfigFactory.parseString(key + " = " + value,
                    ConfigParseOptions.defaults().setOriginDescription("--set " + key));
        } catch (ConfigException e) {
            // a value HOCON cannot parse as is (e.g. with a colon) is taken as a string
            try {
                one = ConfigFactory.empty("--set " + key).withValue(key, ConfigValueFactory.fromAnyRef(value));
            } catch (ConfigException.BadPath bad) {
                throw new BadInputException("--set " + assignment + ": '" + key + "' is not a valid key");
            }
        }
        user = one.withFallback(user);
        return this;
    }

    /**
     * {@code --faults FILE}: appends the file's {@code faults} list to the one the configuration
     * files gave (a fault file holds nothing else).
     */
    public ConfigLoader faults(Path path) {
        if (!Files.isRegularFile(path)) throw new BadInputException("--faults " + path + ": no such file");
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setIncluder(new StrictIncluder()));
        } catch (ConfigException e) {
            throw new BadInputException("--faults " + message(e, path.toString()));
        }
        for (String key : parsed.root().keySet()) {
            if (!key.equals("faults")) {
                throw new BadInputException("--faults " + path + ": only a 'faults' list belongs in a fault file, found '"
                        + key + "'");
            }
        }
        if (!parsed.hasPath("faults") || parsed.getValue("faults").valueType() != ConfigValueType.LIST) {
            throw new BadInputException("--faults " + path + ": expected faults = [ … ] (a list of entries)");
        }
        List<com.typesafe.config.ConfigValue> entries = new java.util.ArrayList<>();
        if (user.hasPath("faults") && user.getValue("faults").valueType() == ConfigValueType.LIST) {
            entries.addAll(user.getList("faults"));
        }
        entries.addAll(parsed.getList("faults"));
        user = user.withValue("faults", ConfigValueFactory.fromIterable(entries, "--faults " + path));
        return this;
    }

    /** "file.conf:12" for a value from a file, else the origin's description ("--set key"). */
    public static String where(com.typesafe.config.ConfigOrigin origin) {
        return ConfigValidator.where(origin);
    }

    /** Sets {@code key} to {@code value} as if given by {@code --set}, naming the option in errors. */
    public ConfigLoader option(String option, String key, Object value) {
        user = ConfigFactory.empty(option).withValue(key, ConfigValueFactory.fromAnyRef(value, option))
                .withFallback(user);
        return this;
    }

    /** The user's layer as JSON, to hand to child JVMs so they build the identical platform. */
    public String userLayerJson() {
        return user.root().render(ConfigRenderOptions.concise());
    }

    public static ConfigLoader fromJson(String json) {
        ConfigLoader loader = new ConfigLoader();
        try {
            loader.user = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)
                    .setOriginDescription("leader's configuration"));
        } catch (ConfigException e) {
            throw new BadInputException("configuration from the leader JVM is malformed: " + e.getMessage());
        }
        return loader;
    }

    /** Validates the user's layer and returns it over the reference, resolved. */
    public Config load() {
        Config reference = ConfigFactory.defaultReference();
        Config merged;
        try {
            merged = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new BadInputException(message(e, null));
        }
        ConfigValidator.check(user, reference, List.of("pekko"));
        return merged;
    }

    /**
     * The same failure, naming where the key at fault was set (file and line, {@code --set}, a
     * sweep entry) when the message names a key of the user's layer and not yet its place: the
     * modules' settings check values without knowing which file they came from. A HOCON type
     * error ({@code getInt} on a string…) becomes one line naming the full key.
     */
    public BadInputException located(RuntimeException failure) {
        if (failure instanceof ConfigException e) return new BadInputException(locatedConfigException(e));
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof BadInputException b && LOCATED.matcher(message).find()) return b; // says where already
        java.util.regex.Matcher m = LEADING_KEY.matcher(message);
        String where = null;
        if (m.find()) where = origin(m.group(1));
        if (where == null) {
            // otherwise the longest key of the user's layer the message names
            for (String key : userKeysLongestFirst()) {
                if (message.contains(key)) {
                    where = origin(key);
                    break;
                }
            }
        }
        if (where == null || message.contains(where)) {
            return failure instanceof BadInputException b ? b : new BadInputException(message);
        }
        return new BadInputException(message + " (" + where + ")");
    }

    /** A message that names its place already, e.g. a fault-plan entry: "faults[2] (file.conf:12)". */
    private static final java.util.regex.Pattern LOCATED = java.util.regex.Pattern.compile("^[a-z-]+\\[[0-9]+\\] \\([^()]+:[0-9]+\\)");

    private static final java.util.regex.Pattern LEADING_KEY =
            java.util.regex.Pattern.compile("^([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)(?:\\[[0-9]+\\])*[:( ]");

    /** Where the user set {@code key}, or the first key below it; null if the user did not. */
    private String origin(String key) {
        for (java.util.Map.Entry<String, com.typesafe.config.ConfigValue> e : new java.util.TreeMap<>(
                user.entrySet().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                        java.util.Map.Entry::getValue))).entrySet()) {
            if (e.getKey().equals(key) || e.getKey().startsWith(key + ".")) return ConfigValidator.where(e.getValue().origin());
        }
        return null;
    }

    private List<String> userKeysLongestFirst() {
        return user.entrySet().stream().map(java.util.Map.Entry::getKey)
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .toList();
    }

    private String locatedConfigException(ConfigException e) {
        com.typesafe.config.ConfigOrigin origin = e.origin();
        String detail = detail(e);
        if (origin == null || origin.filename() == null && origin.description() == null) return detail;
        // the full key: the user's value set at the same place
        String at = ConfigValidator.where(origin);
        for (java.util.Map.Entry<String, com.typesafe.config.ConfigValue> v : user.entrySet()) {
            if (ConfigValidator.where(v.getValue().origin()).equals(at)) {
                java.util.regex.Matcher t = WRONG_TYPE.matcher(detail);
                if (t.find()) {
                    String type = t.group(2).toLowerCase(java.util.Locale.ROOT);
                    detail = "expected " + (type.equals("boolean") ? "on/off" : "a " + type) + ", got "
                            + v.getValue().render(com.typesafe.config.ConfigRenderOptions.concise());
                }
                return v.getKey() + " (" + at + "): " + detail;
            }
        }
        return message(e, null);
    }

    private static final java.util.regex.Pattern WRONG_TYPE =
            java.util.regex.Pattern.compile("has type (\\w+) rather than (\\w+)");

    /** HOCON's message without its leading origin ("file: 12: "), which it repeats. */
    private static String detail(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            return message.substring(e.origin().description().length() + 2);
        }
        return message;
    }

    /** One line: "file:line: what is wrong" for a file, else HOCON's own message. */
    private static String message(ConfigException e, String file) {
        com.typesafe.config.ConfigOrigin origin = e.origin();
        if (origin != null && origin.filename() != null) {
            return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "") + ": " + detail(e);
        }
        return (file == null ? "" : file + ": ") + e.getMessage();
    }
}
