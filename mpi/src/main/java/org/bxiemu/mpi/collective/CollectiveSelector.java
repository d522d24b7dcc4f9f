package org.bxiemu.mpi.collective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the algorithm of a collective from the message size (bytes, as {@link Collective}
 * defines it) and the communicator size, MPICH-style, or by name when the user forces one.
 *
 * <p>Rules, with the {@link Thresholds} (defaults in brackets, from MPICH's CVARs):
 * <ul>
 *   <li>BARRIER: dissemination. REDUCE, GATHER, SCATTER: binomial.</li>
 *   <li>BCAST: binomial if bytes &lt; bcastShortMsg [12 KiB] or p &lt; bcastMinProcs [8],
 *       otherwise scatter-allgather.</li>
 *   <li>ALLREDUCE: recursive-doubling if bytes ≤ allreduceShortMsg [2 KiB], ring if bytes ≥
 *       allreduceRingMsg [1 MiB] (not an MPICH CVAR: MPICH's classic selection has no ring), else
 *       rabenseifner.</li>
 *   <li>ALLGATHER: recursive-doubling if p is a power of two and bytes &lt; allgatherLongMsg
 *       [512 KiB]; bruck if bytes &lt; allgatherShortMsg [80 KiB]; else ring.</li>
 *   <li>ALLTOALL: bruck if bytes/p ≤ alltoallShortMsg [256 B] and p ≥ alltoallMinProcs [8], else
 *       pairwise (MPICH's medium-size scattered isend/irecv variant is not provided).</li>
 * </ul>
 */
public final class CollectiveSelector {

    /** The thresholds of the selection rules (bytes; process counts). */
    public record Thresholds(
            long bcastShortMsg,
            int bcastMinProcs,
            long allreduceShortMsg,
            long allreduceRingMsg,
            long allgatherShortMsg,
            long allgatherLongMsg,
            long alltoallShortMsg,
            int alltoallMinProcs) {

        /** MPICH-like defaults. */
        public static final Thresholds DEFAULTS =
                new Thresholds(12288, 8, 2048, 1 << 20, 81920, 524288, 256, 8);

        public Thresholds {
            if (bcastShortMsg < 0 || bcastMinProcs < 0 || allreduceShortMsg < 0 || allreduceRingMsg < 0
                    || allgatherShortMsg < 0 || allgatherLongMsg < 0 || alltoallShortMsg < 0
                    || alltoallMinProcs < 0) {
                throw new IllegalArgumentException("negative selector threshold: " + this);
            }
        }
    }

    private static final Map<Collective, Map<String, CollectiveAlgorithm>> ALGORITHMS = registry();

    private final Thresholds thresholds;

    /** A selector with the {@link Thresholds#DEFAULTS}. */
    public CollectiveSelector() {
        this(Thresholds.DEFAULTS);
    }

    public CollectiveSelector(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The algorithm for {@code collective} with message size {@code bytes} on {@code p} ranks. */
    public CollectiveAlgorithm select(Collective collective, long bytes, int p) {
        return select(collective, bytes, p, Optional.empty());
    }

    /**
     * The algorithm named {@code forced} if present, else the rules' choice.
     *
     * @throws IllegalArgumentException if {@code forced} names no algorithm of {@code collective}
     *     (the message lists the known names), or if p &lt; 1 or bytes &lt; 0
     */
    public CollectiveAlgorithm select(Collective collective, long bytes, int p, Optional<String> forced) {
        Objects.requireNonNull(collective, "collective");
        if (p < 1) {
            throw new IllegalArgumentException("communicator size must be >= 1, got " + p);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("negative message size " + bytes);
        }
        if (forced.isPresent()) {
            return byName(collective, forced.get());
        }
        Thresholds t = thresholds;
        String name = switch (collective) {
            case BARRIER -> DisseminationBarrier.NAME;
            case REDUCE -> BinomialReduce.NAME;
            case GATHER -> BinomialGather.NAME;
            case SCATTER -> BinomialScatter.NAME;
            case BCAST -> bytes < t.bcastShortMsg() || p < t.bcastMinProcs()
                    ? BinomialBcast.NAME
                    : ScatterAllgatherBcast.NAME;
            case ALLREDUCE -> bytes <= t.allreduceShortMsg()
                    ? RecursiveDoublingAllreduce.NAME
                    : bytes >= t.allreduceRingMsg() ? RingAllreduce.NAME : RabenseifnerAllreduce.NAME;
            case ALLGATHER -> AbstractAlgorithm.isPow2(p) && bytes < t.allgatherLongMsg()
                    ? RecursiveDoublingAllgather.NAME
                    : bytes < t.allgatherShortMsg() ? BruckAllgather.NAME : RingAllgather.NAME;
            case ALLTOALL -> bytes / p <= t.alltoallShortMsg() && p >= t.alltoallMinProcs()
                    ? BruckAlltoall.NAME
                    : PairwiseAlltoall.NAME;
        };
        return ALGORITHMS.get(collective).get(name);
    }

    /**
     * The algorithm of {@code collective} called {@code name}.
     *
     * @throws IllegalArgumentException if there is none (the message lists the known names)
     */
    public static CollectiveAlgorithm byName(Collective collective, String name) {
        CollectiveAlgorithm a = ALGORITHMS.get(collective).get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown " + collective.name().toLowerCase(java.util.Locale.ROOT)
                    + " algorithm '" + name + "'; known: " + String.join(", ", names(collective)));
        }
        return a;
    }

    /** The names of the algorithms of {@code collective}. */
    public static List<String> names(Collective collective) {
        return List.copyOf(ALGORITHMS.get(collective).keySet());
    }

    /** The algorithms of {@code collective}. */
    public static List<CollectiveAlgorithm> algorithms(Collective collective) {
        return List.copyOf(ALGORITHMS.get(collective).values());
    }

    /** Every algorithm of every collective. */
    public static List<CollectiveAlgorithm> allAlgorithms() {
        return ALGORITHMS.values().stream()
                .flatMap(m -> m.values().stream())
                .collect(Collectors.toUnmodifiableList());
    }

    private static Map<Collective, Map<String, CollectiveAlgorithm>> registry() {
        List<CollectiveAlgorithm> all = new ArrayList<>(List.of(
                new DisseminationBarrier(),
                new BinomialBcast(),
                new ScatterAllgatherBcast(),
                new BinomialReduce(),
                new RecursiveDoublingAllreduce(),
                new RabenseifnerAllreduce(),
                new RingAllreduce(),
                new RingAllgather(),
                new RecursiveDoublingAllgather(),
                new BruckAllgather(),
                new BruckAlltoall(),
                new PairwiseAlltoall(),
                new BinomialGather(),
                new BinomialScatter()));
        Map<Collective, Map<String, CollectiveAlgorithm>> m = new EnumMap<>(Collective.class);
        for (Collective c : Collective.values()) {
            m.put(c, new LinkedHashMap<>());
        }
        for (CollectiveAlgorithm a : all) {
            if (m.get(a.collective()).put(a.name(), a) != null) {
                throw new IllegalStateException("duplicate algorithm " + a);
            }
        }
        m.replaceAll((c, byName) -> Collections.unmodifiableMap(byName));
        return Collections.unmodifiableMap(m);
    }
}
