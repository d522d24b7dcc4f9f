package org.bxiemu.fabric.routing;

/**
 * A deterministic routing algorithm bound to one fabric graph (checked to fit it when
 * constructed). {@link FabricManager} picks one by name and handles failures.
 */
public interface Routing {
    /** The {@code switch.routing} value that selects this algorithm, e.g. {@code d-mod-k}. */
    String name();

    /** Computes the algorithm's tables over the intact fabric; equal tables on every call. */
    RoutingTables tables();
}
