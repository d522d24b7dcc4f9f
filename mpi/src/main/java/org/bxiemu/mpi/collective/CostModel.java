package org.bxiemu.mpi.collective;

/**
 * Hockney / LogGP-style cost parameters for {@link CollectiveAlgorithm#idealTime}: {@code alpha}
 * per message, {@code beta} per byte transferred, {@code gamma} per byte reduced (any time unit,
 * the result is in the same unit).
 */
public record CostModel(double alpha, double beta, double gamma) {
    public CostModel {
        if (!(alpha >= 0) || !(beta >= 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException(
                    "cost parameters must be >= 0: " + alpha + ", " + beta + ", " + gamma);
        }
    }
}
