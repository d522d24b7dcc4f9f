package org.bxiemu.engine.phold;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.Platform;

/** Builds the PHOLD platform: {@code lps} logical processes joined by one all-to-all mesh link. */
public final class Phold {
    private Phold() {}

    public static Platform platform(PholdParameters parameters) {
        Platform.Builder builder = Platform.builder();
        int digits = Math.max(4, String.valueOf(parameters.lps() - 1).length());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parameters.lps(); i++) {
            String id = "phold.lp" + String.format("%0" + digits + "d", i);
            int self = i;
            builder.component(id, id, () -> new PholdLp(parameters, self), PholdLp.MESH_PORT);
            ids.add(id);
        }
        // zero-padded ids sort like their numbers, so mesh member k is LP k
        builder.mesh("phold.mesh", ids, PholdLp.MESH_PORT, parameters.lookahead());
        return builder.build();
    }
}
