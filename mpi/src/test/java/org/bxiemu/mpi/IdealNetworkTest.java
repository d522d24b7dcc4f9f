package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bxiemu.engine.EngineSettings;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunProgress;
import org.bxiemu.engine.RunSetup;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.units.Frequency;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.mpi.collective.Buffer;
import org.bxiemu.mpi.collective.Collective;
import org.bxiemu.mpi.collective.CollectiveAlgorithm;
import org.bxiemu.mpi.collective.CollectiveSelector;
import org.bxiemu.mpi.collective.CostModel;
import org.bxiemu.mpi.collective.Datatype;
import org.bxiemu.mpi.collective.ReduceOp;
import org.bxiemu.nic.NicSettings;
import org.bxiemu.node.CoreSettings;
import org.bxiemu.node.NodeSettings;
import org.bxiemu.node.job.ClusterPlatform;
import org.bxiemu.node.user.ProgramRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ideal-network platform ({@code configs/platforms/ideal-loggp.conf}): the full stack (library
 * on the cores, NIC, links, switch) runs each collective, and its completion time matches the
 * algorithm's {@link CollectiveAlgorithm#idealTime} within 2 %, with α, β, γ and g derived from
 * the configuration in closed form ({@link #model}), never from a measurement.
 */
class IdealNetworkTest {
    private static final double TOLERANCE = 0.02;

    private static Path preset() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("configs/platforms/ideal-loggp.conf");
            if (Files.isRegularFile(f)) return f;
        }
        throw new AssertionError("no configs/platforms/ideal-loggp.conf above " + Path.of("").toAbsolutePath());
    }

    private static Config config(int p, String collective, String algorithm) {
        return ConfigFactory.parseString("cluster.fabric = on\nswitch.star.nodes = " + p + "\nnode.cores = 1\n"
                        + "job.program = ideal\nmpi.collectives." + collective + " = " + algorithm)
                .withFallback(ConfigFactory.parseFile(preset().toFile())).withFallback(ConfigFactory.load()).resolve();
    }

    /**
     * α, β, γ, g in picoseconds from the configuration, following one message along the stack
     * (docs/mpi.md, "Ideal network (LogGP)"): the sender's call, its doorbell to the node's hub
     * (core link) and over PCIe, the NIC's command latency, the DMA read of the payload (a PCIe round
     * trip, none for zero bytes), the wire (cable, switch hop, cable) with one packet header, the
     * event written over PCIe, the receiver's wake-up on the queue word (core link), taking the
     * events (a core-link round trip) and handling one, and reading the data out (a core-link
     * round trip, none for zero bytes). g: a rank's next send leaves one call and one doorbell
     * write after the previous one.
     */
    static CostModel model(Config config, boolean payload) {
        MpiSettings mpi = MpiSettings.from(config);
        CoreSettings core = CoreSettings.from(config);
        Frequency f = core.frequency();
        NicSettings nic = NicSettings.from(config);
        FabricSettings fabric = FabricSettings.from(config);
        long coreLink = NodeSettings.from(config).coreLinkLatency();
        double perByte = fabric.linkBandwidth().serialisation(1_000_000) / 1e6;
        double call = mpi.callOverhead().on(f);
        double wire = 2 * fabric.cableLatency() + fabric.hopLatency() + nic.packetHeader() * perByte;
        double alpha = call + coreLink + nic.pcieLatency() + nic.commandLatency() + wire + nic.pcieLatency()
                + 3 * coreLink + mpi.eventHandling().on(f);
        if (payload) alpha += 2 * nic.pcieLatency() + 2 * coreLink;
        double gamma = mpi.reduceBandwidth().serialisation(1_000_000) / 1e6;
        return new CostModel(alpha, perByte, gamma, call + core.doorbell().on(f));
    }

    /**
     * Every rank starts the collective at the same virtual time T0 (a compute step after a barrier
     * ends exactly there), as the formulas assume (all ranks at time 0); the completion time is the
     * last rank's end minus T0: the moment every rank holds its result. Max over ranks of (end −
     * start) is the same figure here because all starts are equal (checked), whereas timing from
     * each rank's barrier exit would not be: the barrier releases ranks up to a message apart.
     */
    @ParameterizedTest(name = "{0}/{1} p={2} n={3}")
    @CsvSource({
        // α only: a zero-byte message per round
        "barrier, dissemination, 8, 0", "barrier, dissemination, 6, 0",
        // α-dominated (512 B: nβ = 41 ns against α = 2.4 us) and β-dominated (1 MiB: nβ = 84 us)
        "bcast, binomial, 8, 512", "bcast, binomial, 8, 1048576", "bcast, binomial, 6, 512", "bcast, binomial, 6, 1048576",
        "allreduce, recursive-doubling, 8, 512", "allreduce, recursive-doubling, 8, 1048576",
        "allreduce, recursive-doubling, 6, 1048576",
        "allreduce, rabenseifner, 8, 512", "allreduce, rabenseifner, 8, 1048576",
        "allreduce, ring, 6, 512", "allreduce, ring, 6, 1048576", "allreduce, ring, 8, 1048576"})
    void completionTimeIsTheTextbookFormula(String collective, String algorithm, int p, int bytes) {
        Config config = config(p, collective, algorithm);
        var starts = new ConcurrentSkipListMap<Integer, Long>();
        var ends = new ConcurrentSkipListMap<Integer, Long>();
        ProgramRegistry programs = new ProgramRegistry();
        MpiPrograms.register(programs, "ideal", mpi -> {
            Buffer a = Buffer.modelled(Datatype.DOUBLE, bytes / 8);
            Buffer b = Buffer.modelled(Datatype.DOUBLE, bytes / 8);
            mpi.barrier();
            long exit = mpi.now();
            long t0 = (exit / Durations.MS + 1) * Durations.MS; // a common start well after every exit
            mpi.compute(t0 - exit);
            starts.put(mpi.rank(), mpi.now());
            switch (collective) {
                case "barrier" -> mpi.barrier();
                case "bcast" -> mpi.bcast(a, 0);
                default -> mpi.allreduce(a, b, ReduceOp.SUM);
            }
            ends.put(mpi.rank(), mpi.now());
        }, config);
        Emulation.lead(RunSetup.of(ClusterPlatform.build(config, programs), EngineSettings.from(config), 1, 3,
                10 * Durations.S), null, RunProgress.NONE, Emulation.ChildObserver.NONE);

        assertEquals(p, ends.size(), "every rank finished");
        long t0 = starts.firstEntry().getValue();
        for (long s : starts.values()) assertEquals(t0, s, "all ranks start together");
        long measured = ends.values().stream().mapToLong(Long::longValue).max().orElseThrow() - t0;

        CollectiveAlgorithm algo = CollectiveSelector.byName(Collective.valueOf(collective.toUpperCase(java.util.Locale.ROOT)), algorithm);
        CostModel m = model(config, bytes > 0);
        // the call's own entry (mpi.costs.call, once) precedes the first round: the formulas count rounds
        double expected = MpiSettings.from(config).callOverhead().on(CoreSettings.from(config).frequency())
                + algo.idealTime(p, bytes, m);
        double error = Math.abs(measured - expected) / expected;
        assertTrue(error <= TOLERANCE, String.format("%s p=%d n=%d: emulated %.1f ns, formula %.1f ns (%.2f %% off)",
                algo, p, bytes, measured / 1e3, expected / 1e3, 100 * error));
    }
}
