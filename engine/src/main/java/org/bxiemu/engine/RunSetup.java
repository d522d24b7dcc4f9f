package org.bxiemu.engine;

/**
 * What every partition of a run shares: the platform, its partition map, lookaheads and settings,
 * and its checkpoints (off unless asked for).
 */
public record RunSetup(Platform platform, PartitionMap map, Lookahead lookahead, EngineSettings settings, long seed,
        long endTime, Checkpointing checkpoints) {

    public RunSetup(Platform platform, PartitionMap map, Lookahead lookahead, EngineSettings settings, long seed,
            long endTime) {
        this(platform, map, lookahead, settings, seed, endTime, Checkpointing.OFF);
    }

    public static RunSetup of(Platform platform, EngineSettings requested, int jvms, long seed, long endTime) {
        EngineSettings settings = requested.forPlatform(platform);
        PartitionMap map = new PartitionMap(platform, jvms, settings.partitionsPerJvm());
        Lookahead lookahead = Lookahead.compute(platform, map, settings.lookahead(), settings.localLookahead());
        return new RunSetup(platform, map, lookahead, settings, seed, endTime);
    }

    public RunSetup withCheckpoints(Checkpointing c) {
        return new RunSetup(platform, map, lookahead, settings, seed, endTime, c);
    }
}
