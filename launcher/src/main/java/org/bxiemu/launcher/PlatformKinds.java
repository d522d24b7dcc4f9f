package org.bxiemu.launcher;

import java.util.List;
import org.bxiemu.engine.BadInputException;

/** The selector of platform kinds; each fabric/node issue adds its kind here. */
final class PlatformKinds {
    private static final List<PlatformKind> KINDS = List.of(new PholdPlatformKind(), new PortalsBenchPlatformKind(), new TrafficPlatformKind(),
            new IpcBenchPlatformKind(), new UintrBenchPlatformKind(), new ClusterPlatformKind());

    private PlatformKinds() {}

    static PlatformKind named(String name) {
        for (PlatformKind k : KINDS) {
            if (k.name().equals(name)) return k;
        }
        throw new BadInputException("run.platform: unknown platform '" + name + "' (known: "
                + String.join(", ", KINDS.stream().map(PlatformKind::name).toList()) + ")");
    }
}
