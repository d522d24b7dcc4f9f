package org.bxiemu.engine;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bxiemu.engine.units.Durations;

/**
 * Which spans a traced run keeps, so that a large run's trace stays small: those that overlap
 * the window {@code [from, to)} (clipped to it), of components whose id matches one of the glob
 * patterns ({@code *}, {@code ?}, {@code [0-7]}; e.g. {@code n000[0-3].*}).
 */
public record TraceFilter(long from, long to, List<String> globs) {
    public static final TraceFilter ALL = new TraceFilter(0, Long.MAX_VALUE, List.of("*"));

    public TraceFilter {
        if (from < 0 || to <= from) throw new BadInputException("engine.trace-window: the window must end after it starts");
        globs = List.copyOf(globs);
        if (globs.isEmpty()) throw new BadInputException("engine.trace-components: name at least one pattern");
    }

    static TraceFilter from(Config engine) {
        String window = engine.getString("trace-window").trim();
        long from = 0;
        long to = Long.MAX_VALUE;
        if (!window.equals("all")) {
            int dots = window.indexOf("..");
            if (dots < 0) {
                throw new BadInputException("engine.trace-window: '" + window + "' is not FROM..TO (e.g. 10us..20us) or all");
            }
            from = Durations.parse(window.substring(0, dots), "engine.trace-window");
            to = Durations.parse(window.substring(dots + 2), "engine.trace-window");
        }
        return new TraceFilter(from, to, engine.getStringList("trace-components"));
    }

    /** Whether component {@code id} is traced. */
    public boolean selects(String id) {
        for (String glob : globs) {
            if (glob(glob, "engine.trace-components").matcher(id).matches()) return true;
        }
        return false;
    }

    /**
     * The regular expression of a glob over component ids ({@code *} any characters, {@code ?} one,
     * {@code [0-7]} one of a class); {@code what} names the key in the error for a broken one.
     */
    public static Pattern glob(String glob, String what) {
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        for (char c : glob.toCharArray()) {
            if (inClass) {
                re.append(c);
                if (c == ']') inClass = false;
                continue;
            }
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    re.append('[');
                    inClass = true;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new BadInputException(what + ": '" + glob + "' is not a pattern");
        }
    }

    /** The patterns for nodes given as ids or globs (n0042, n00[0-7]): everything on those nodes. */
    public static List<String> nodes(List<String> nodes) {
        List<String> out = new ArrayList<>();
        for (String n : nodes) out.add(n.trim() + ".*");
        return out;
    }
}
