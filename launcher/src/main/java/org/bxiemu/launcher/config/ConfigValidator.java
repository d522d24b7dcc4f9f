package org.bxiemu.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bxiemu.engine.BadInputException;

/** Refuses keys that no module declares (with a did-you-mean) and values of the wrong kind. */
final class ConfigValidator {
    private ConfigValidator() {}

    static void check(Config user, Config reference, List<String> passThrough) {
        TreeSet<String> known = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) known.add(e.getKey());
        TreeMap<String, ConfigValue> given = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) given.put(e.getKey(), e.getValue());
        for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
            String key = e.getKey();
            if (passThrough.stream().anyMatch(p -> key.startsWith(p + "."))) continue;
            String where = where(e.getValue().origin());
            if (!known.contains(key)) {
                String hint = closest(key, known);
                throw new BadInputException("unknown key '" + key + "' (" + where + ")"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
            ConfigValueType expected = reference.getValue(key).valueType();
            ConfigValueType actual = e.getValue().valueType();
            if (isSwitch(reference.getValue(key)) && !compatible(ConfigValueType.BOOLEAN, e.getValue())) {
                // `fusion = on` is a string to HOCON; the module reads it as a boolean
                throw new BadInputException(key + " (" + where + "): expected on/off, got "
                        + e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()));
            }
            if (expected != actual && !compatible(expected, e.getValue())) {
                throw new BadInputException(key + " (" + where + "): expected " + describe(expected) + ", got "
                        + e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()) + " ("
                        + describe(actual) + ")");
            }
        }
    }

    /** "file.conf:12" for files, "--set key" for overrides. */
    static String where(com.typesafe.config.ConfigOrigin origin) {
        if (origin.filename() != null) return origin.filename() + ":" + origin.lineNumber();
        return origin.description().replaceFirst(": [0-9]+$", "");
    }

    /** A parameter whose default is on/off (or true/false...): the module reads it with getBoolean. */
    private static boolean isSwitch(ConfigValue reference) {
        Object raw = reference.unwrapped();
        return raw instanceof Boolean || (raw instanceof String s && s.trim().matches("(?i)true|false|on|off|yes|no"));
    }

    private static boolean compatible(ConfigValueType expected, ConfigValue value) {
        // HOCON converts between strings, numbers and booleans on read; refuse only what cannot convert
        Object raw = value.unwrapped();
        return switch (expected) {
            case STRING -> value.valueType() != ConfigValueType.OBJECT && value.valueType() != ConfigValueType.LIST;
            case NUMBER -> raw instanceof Number || (raw instanceof String s && s.trim().matches("-?[0-9.eE+-]+"));
            case BOOLEAN -> raw instanceof Boolean
                    || (raw instanceof String s && s.trim().matches("(?i)true|false|on|off|yes|no"));
            default -> false;
        };
    }

    private static String describe(ConfigValueType t) {
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "on/off";
            case LIST -> "a list";
            case OBJECT -> "a section";
            case NULL -> "null";
        };
    }

    static String closest(String key, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = levenshtein(key, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
