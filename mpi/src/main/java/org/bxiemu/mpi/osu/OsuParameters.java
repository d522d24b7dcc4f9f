package org.bxiemu.mpi.osu;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Sizes;

/** {@code osu.*}: message sizes (powers of two from min to max), iterations, warm-up, window. */
public record OsuParameters(List<Long> sizes, int iterations, int warmup, int window) {
    public static OsuParameters from(Config config) {
        Config c = config.getConfig("osu");
        String range = c.getString("sizes");
        int colon = range.indexOf(':');
        if (colon < 0) throw new BadInputException("osu.sizes: '" + range + "' is not MIN:MAX (e.g. 8B:1MiB)");
        long min = Sizes.parse(range.substring(0, colon), "osu.sizes");
        long max = Sizes.parse(range.substring(colon + 1), "osu.sizes");
        if (max < min) throw new BadInputException("osu.sizes: " + range + " ends below its start");
        if (max > (1L << 30)) throw new BadInputException("osu.sizes: at most 1GiB");
        List<Long> sizes = new ArrayList<>();
        if (min == 0) sizes.add(0L);
        for (long s = Math.max(1, min); s <= max; s *= 2) sizes.add(s);
        int iterations = c.getInt("iterations");
        if (iterations < 1) throw new BadInputException("osu.iterations: must be at least 1");
        int warmup = c.getInt("warmup");
        if (warmup < 0) throw new BadInputException("osu.warmup: must not be negative");
        int window = c.getInt("window");
        if (window < 1) throw new BadInputException("osu.window: must be at least 1");
        return new OsuParameters(List.copyOf(sizes), iterations, warmup, window);
    }
}
