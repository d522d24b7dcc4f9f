package org.bxiemu.engine.phold;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Durations;

/** The {@code phold.*} parameters (reference.conf), parsed and checked. Times in picoseconds. */
public record PholdParameters(int lps, int population, long mean, long lookahead, double remote, long end) {

    public PholdParameters {
        if (lps < 1 || lps > 1 << 22) throw new BadInputException("phold.lps: " + lps + " is out of range 1..4194304");
        if (population < 1 || population > 1 << 20) {
            throw new BadInputException("phold.population: " + population + " is out of range 1..1048576");
        }
        if (!(remote >= 0 && remote <= 1)) throw new BadInputException("phold.remote: " + remote + " is not in 0..1");
        if (remote > 0 && lps < 2) throw new BadInputException("phold.remote: needs at least 2 LPs (phold.lps)");
        if (lookahead <= 0) throw new BadInputException("phold.lookahead: must be positive");
        if (mean < 0) throw new BadInputException("phold.mean: must not be negative");
        if (end <= 0) throw new BadInputException("phold.end: must be positive");
    }

    public static PholdParameters from(Config config) {
        Config c = config.getConfig("phold");
        try {
            return new PholdParameters(c.getInt("lps"), c.getInt("population"),
                    Durations.parse(c.getString("mean"), "phold.mean"),
                    Durations.parse(c.getString("lookahead"), "phold.lookahead"),
                    c.getDouble("remote"),
                    Durations.parse(c.getString("end"), "phold.end"));
        } catch (ConfigException.WrongType e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
