package org.bxiemu.fabric.topology;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.function.Supplier;
import org.bxiemu.engine.BadInputException;

/** Selects and parameterises a topology from the {@code switch.*} configuration keys. */
public final class Topologies {
    public static final String TOPOLOGY_KEY = "switch.topology";
    /** Every {@code switch.topology} value, sorted. */
    public static final List<String> NAMES = List.of(Dragonfly.NAME, FatTree.NAME, Star.NAME, Torus.NAME);

    private Topologies() {}

    /** Reads {@code switch.topology}, {@code switch.radix} and the chosen topology's own keys only. */
    public static Topology fromConfig(Config config) {
        String name = read(config, TOPOLOGY_KEY, "a topology name", () -> config.getString(TOPOLOGY_KEY));
        int radix = readInt(config, Parameters.RADIX_KEY);
        return switch (name) {
            case Star.NAME -> new Star(readInt(config, Star.KEY + ".nodes"), radix);
            case FatTree.NAME -> new FatTree(readInt(config, FatTree.KEY + ".k"), readInt(config, FatTree.KEY + ".levels"),
                    readInt(config, FatTree.KEY + ".uplinks"), radix);
            case Dragonfly.NAME -> new Dragonfly(readInt(config, Dragonfly.KEY + ".groups"),
                    readInt(config, Dragonfly.KEY + ".routers-per-group"),
                    readInt(config, Dragonfly.KEY + ".nodes-per-router"),
                    readInt(config, Dragonfly.KEY + ".global-links-per-router"), radix);
            case Torus.NAME -> {
                String key = Torus.KEY + ".dimensions";
                List<Integer> dimensions = read(config, key, "a list of integers such as [4, 4]",
                        () -> config.getIntList(key));
                yield new Torus(dimensions, readInt(config, Torus.KEY + ".nodes-per-switch"), radix);
            }
            default -> throw new BadInputException(TOPOLOGY_KEY + ": unknown topology '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static int readInt(Config config, String key) {
        return read(config, key, "an integer", () -> config.getInt(key));
    }

    /** Turns Typesafe Config's errors into one line naming the key. */
    private static <T> T read(Config config, String key, String expected, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException.Missing e) {
            throw new BadInputException(key + ": missing (expected " + expected + ")");
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(key + ": expected " + expected + ", got " + given(config, key, e));
        }
    }

    private static String given(Config config, String key, ConfigException.WrongType error) {
        try {
            return config.getValue(key).render();
        } catch (ConfigException e) {
            return error.getMessage(); // a parent of the key is not a section
        }
    }
}
