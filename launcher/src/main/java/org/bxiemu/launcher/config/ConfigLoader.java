package org.bxiemu.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
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
            parsed = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new BadInputException(path + ": " + e.getMessage());
        }
        user = parsed.withFallback(user);
        return this;
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
            throw new BadInputException(e.getMessage());
        }
        ConfigValidator.check(user, reference, List.of("pekko"));
        return merged;
    }
}
