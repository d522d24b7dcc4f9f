package org.bxiemu.launcher.config;

import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.util.List;
import org.bxiemu.engine.BadInputException;

/**
 * HOCON's includer, except that an {@code include} whose file does not exist is an error: HOCON
 * silently skips it, so a misspelt include would leave the run on defaults without a word.
 */
final class StrictIncluder implements ConfigIncluder, ConfigIncluderFile {
    private static final List<String> EXTENSIONS = List.of(".conf", ".json", ".properties");
    private final ConfigIncluder fallback;

    StrictIncluder() {
        this(null);
    }

    private StrictIncluder(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this.fallback == null ? new StrictIncluder(fallback) : this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        ConfigParseable relative = context.relativeTo(what);
        String file = relative == null ? null : relative.origin().filename();
        if (file != null) {
            requireFile(new File(file), what);
        } else if (relative != null && relative.origin().resource() != null && !onClasspath(what)) {
            // HOCON looks for a file beside the including one, then falls back to the classpath
            throw new BadInputException("include \"" + what + "\": no such file beside the including file");
        }
        return fallback.include(context, what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        requireFile(what, what.getPath());
        return ((ConfigIncluderFile) fallback).includeFile(context, what);
    }

    private static boolean onClasspath(String what) {
        ClassLoader loader = StrictIncluder.class.getClassLoader();
        if (loader.getResource(what) != null) return true;
        return EXTENSIONS.stream().noneMatch(what::endsWith)
                && EXTENSIONS.stream().anyMatch(e -> loader.getResource(what + e) != null);
    }

    private static void requireFile(File file, String what) {
        if (file.isFile()) return;
        // HOCON reads a name without a known extension as a base name: name.conf, name.json, name.properties
        if (EXTENSIONS.stream().noneMatch(file.getName()::endsWith)
                && EXTENSIONS.stream().anyMatch(e -> new File(file.getPath() + e).isFile())) {
            return;
        }
        throw new BadInputException("include \"" + what + "\": no such file " + file.getPath());
    }
}
