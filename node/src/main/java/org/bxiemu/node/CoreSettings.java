package org.bxiemu.node;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Frequency;

/** The {@code core.*} parameters: frequency, idle exit, instruction costs, user-interrupt costs. */
public record CoreSettings(Frequency frequency, long idleExit, Cost store, Cost atomic, Cost doorbell, Cost senduipi, Cost flush,
        Cost notification, Cost delivery, Cost uiret, Cost clui, Cost stui, Cost testui, boolean tracked) {

    public static CoreSettings from(Config config) {
        Config c = config.getConfig("core");
        Frequency base = Frequency.parse(c.getString("frequency"), "core.frequency");
        Frequency turbo = Frequency.parse(c.getString("turbo-frequency"), "core.turbo-frequency");
        boolean turboOn = c.getBoolean("turbo");
        if (turbo.hertz() < base.hertz()) {
            throw new BadInputException("core.turbo-frequency: " + turbo + " is below core.frequency " + base);
        }
        Config u = c.getConfig("uintr");
        return new CoreSettings(turboOn ? turbo : base,
                Durations.parse(c.getString("idle-exit"), "core.idle-exit"),
                Cost.parse(c.getString("store"), "core.store"),
                Cost.parse(c.getString("atomic"), "core.atomic"),
                Cost.parse(c.getString("doorbell"), "core.doorbell"),
                cost(u, "senduipi"), cost(u, "flush"), cost(u, "notification"), cost(u, "delivery"),
                cost(u, "uiret"), cost(u, "clui"), cost(u, "stui"), cost(u, "testui"), u.getBoolean("tracked"));
    }

    private static Cost cost(Config u, String key) {
        return Cost.parse(u.getString(key), "core.uintr." + key);
    }

    /** Recognition of a notification: the pipeline flush (none with xUI tracking), then UPID processing. */
    public Cost recognition() {
        return tracked ? notification : flush.plus(notification);
    }
}
