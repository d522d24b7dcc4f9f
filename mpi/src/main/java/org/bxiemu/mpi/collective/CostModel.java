package org.bxiemu.mpi.collective;

/**
 * Hockney / LogGP-style cost parameters for {@link CollectiveAlgorithm#idealTime}: {@code alpha}
 * per message, {@code beta} per byte transferred, {@code gamma} per byte reduced, and {@code gap},
 * LogGP's g: the least time between two messages one rank starts back to back (its per-send
 * overhead), which matters only where a rank sends several messages in one round (any time unit,
 * the result is in the same unit).
 */
public record CostModel(double alpha, double beta, double gamma, double gap) {
    public CostModel {
        if (!(alpha >= 0) || !(beta >= 0) || !(gamma >= 0) || !(gap >= 0)) {
            throw new IllegalArgumentException(
                    "cost parameters must be >= 0: " + alpha + ", " + beta + ", " + gamma + ", " + gap);
        }
    }

    /** Hockney's model: consecutive sends of a rank are held apart only by the link (nβ). */
    public CostModel(double alpha, double beta, double gamma) {
        this(alpha, beta, gamma, 0);
    }
}
