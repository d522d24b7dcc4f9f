package org.bxiemu.engine.faults;

import java.util.Locale;
import java.util.regex.Pattern;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.TraceFilter;

/**
 * What a fault entry names: {@code link:sw0003.p7} (the cable at a switch port), {@code links:*},
 * {@code switch:sw0001}, {@code node:n0042}, {@code nodes:n000[0-7]}, {@code core:n0001.core0},
 * {@code cores:n0001.core[0-1]}. The singular form must name exactly one id, the plural one or
 * more; patterns are the trace filter's globs ({@code *}, {@code ?}, {@code [0-7]}).
 */
public record Targets(TargetClass targetClass, boolean single, String pattern, Pattern regex) {

    /** The kinds of ids a fault can name, with their singular and plural prefixes. */
    public enum TargetClass {
        LINK("link", "links"), SWITCH("switch", "switches"), NODE("node", "nodes"), CORE("core", "cores");

        private final String singular;
        private final String plural;

        TargetClass(String singular, String plural) {
            this.singular = singular;
            this.plural = plural;
        }

        public String singular() {
            return singular;
        }

        public String plural() {
            return plural;
        }
    }

    /** Parses {@code class:pattern}; {@code what} names the entry in errors. */
    public static Targets parse(String text, String what) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new BadInputException(what + ": target '" + text + "' is not CLASS:ID (e.g. link:sw0003.p7, links:*,"
                    + " node:n0042, nodes:n000[0-7], cores:n0001.core[0-1])");
        }
        String prefix = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String pattern = text.substring(colon + 1).trim();
        for (TargetClass c : TargetClass.values()) {
            if (prefix.equals(c.singular) || prefix.equals(c.plural)) {
                return new Targets(c, prefix.equals(c.singular), pattern, TraceFilter.glob(pattern, what));
            }
        }
        throw new BadInputException(what + ": unknown target class '" + prefix + "' in '" + text
                + "' (classes: link, links, switch, switches, node, nodes, core, cores)");
    }

    public boolean matches(TargetClass c, String id) {
        return c == targetClass && regex.matcher(id).matches();
    }

    @Override
    public String toString() {
        return (single ? targetClass.singular : targetClass.plural) + ":" + pattern;
    }
}
