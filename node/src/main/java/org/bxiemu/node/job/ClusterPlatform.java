package org.bxiemu.node.job;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.step;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.engine.faults.Targets.TargetClass;
import org.bxiemu.fabric.FabricFaults;
import org.bxiemu.fabric.FabricPlatform;
import org.bxiemu.fabric.FabricSettings;
import org.bxiemu.fabric.VirtualChannels;
import org.bxiemu.fabric.routing.FabricManager;
import org.bxiemu.fabric.topology.FabricGraph;
import org.bxiemu.fabric.topology.Topologies;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.nic.Nic;
import org.bxiemu.nic.NicSettings;
import org.bxiemu.node.NodePlatform;
import org.bxiemu.node.NodeSettings;
import org.bxiemu.node.user.ProgramRegistry;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Step;

/**
 * A cluster of compute nodes running one job. With {@code cluster.fabric = on} the nodes are those
 * of the configured fabric ({@code switch.*}), each with its NIC on PCIe; otherwise
 * {@code cluster.nodes} nodes joined only by their kernels' RPCs. Node 0 boots a launcher (the
 * job's mpirun): its thread spawns every rank as a thread of its process through the kernels'
 * parallel RPC, then exits; the process ends with its last rank.
 */
public final class ClusterPlatform {
    public static final String LAUNCHER = "launcher";

    private ClusterPlatform() {}

    /** Built-in programs a job can run; other modules (MPI) register theirs before building. */
    public static ProgramRegistry builtins(Config config) {
        long compute = Durations.parse(config.getString("job.compute"), "job.compute");
        return new ProgramRegistry().register("compute", (tid, pid, spec) -> Script.program(
                step(new Step.Compute(compute))));
    }

    /** The job {@code config} describes, on the cluster it describes. */
    public static Job job(Config config) {
        int nodes = config.getBoolean("cluster.fabric") ? Topologies.fromConfig(config).build().nodes()
                : config.getInt("cluster.nodes");
        return Job.from(config, nodes, NodeSettings.from(config).cores());
    }

    public static Platform build(Config config, ProgramRegistry programs) {
        NodePlatform.Settings settings = NodePlatform.Settings.from(config);
        boolean fabric = config.getBoolean("cluster.fabric");
        FaultPlan faults = FaultPlan.from(config);
        Platform.Builder b = Platform.builder();
        List<String> nodeIds = new ArrayList<>();
        FabricGraph graph = null;
        int nodes;
        if (fabric) {
            graph = Topologies.fromConfig(config).build();
            nodes = graph.nodes();
        } else {
            nodes = config.getInt("cluster.nodes");
            if (nodes < 1 || nodes > 32768) throw new BadInputException("cluster.nodes: " + nodes + " is out of range 1..32768");
        }
        for (int n = 0; n < nodes; n++) nodeIds.add(fabric ? graph.nodeId(n) : NodePlatform.nodeId(n));
        Map<TargetClass, List<String>> targets = new EnumMap<>(TargetClass.class);
        targets.put(TargetClass.NODE, nodeIds);
        targets.put(TargetClass.CORE, NodePlatform.coreIds(nodeIds, settings.node().cores()));
        if (fabric) {
            targets.put(TargetClass.LINK, FabricFaults.linkIds(graph));
            targets.put(TargetClass.SWITCH, FabricFaults.switchIds(graph));
        }
        faults.requireTargets(targets);
        if (fabric) {
            FabricManager manager = FabricManager.fromConfig(graph, config);
            FabricSettings fabricSettings = FabricSettings.from(config);
            NicSettings nic = NicSettings.from(config);
            int channels = VirtualChannels.count(manager);
            FabricFaults fabricFaults = FabricFaults.of(faults, graph, manager);
            FabricPlatform.addTo(b, graph, fabricSettings, FabricPlatform.router(manager), channels, fabricFaults,
                    node -> () -> new Nic(node, nic, fabricSettings, channels, fabricFaults.forNic(node)));
        }
        Job job = Job.from(config, nodes, settings.node().cores());
        programs.require(job.program(), "job.program");
        programs.register(LAUNCHER, (tid, pid, spec) -> Script.program(
                call(new Syscall.SpawnThreads(job.placements()))));
        long pcie = NicSettings.from(config).pcieLatency();
        for (int n = 0; n < nodes; n++) {
            String id = nodeIds.get(n);
            String group = fabric ? graph.switchId(graph.attachedSwitch(n)) : id;
            List<BootProcess> boot = n == 0
                    ? List.of(new BootProcess(job.program(), List.of(new ThreadSpec(LAUNCHER, new byte[0], 0))))
                    : List.of();
            NodePlatform.addNode(b, n, id, group, settings, programs, boot, fabric ? FabricPlatform.nicId(graph, n) : null,
                    pcie, faults);
        }
        NodePlatform.connectKernels(b, nodeIds, settings);
        // the job's nodes handle most events (hub, kernel, cores and NIC each); the rest of the
        // cluster mostly idles, and the switches only pass the job's packets on
        b.activeComponents(job.nodes() * (2 + settings.node().cores() + (fabric ? 1 : 0)));
        return b.build();
    }
}
