package org.bxiemu.node;

import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.Platform;
import org.bxiemu.engine.faults.Fault;
import org.bxiemu.engine.faults.FaultPlan;
import org.bxiemu.engine.faults.Targets;
import org.bxiemu.kernel.BootProcess;
import org.bxiemu.kernel.Kernel;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.node.user.ProgramRegistry;

/**
 * Wires compute nodes into a platform: per node a {@link Node}, its {@link Core}s and its
 * {@link Kernel}, all in one partition group; kernels of all nodes joined by the RPC mesh. Ids:
 * {@code n0042.node}, {@code n0042.core3}, {@code n0042.kernel} (and {@code n0042.nic} when a
 * fabric is added).
 */
public final class NodePlatform {
    /** The settings every node shares. */
    public record Settings(NodeSettings node, CoreSettings core, KernelSettings kernel) {
        public static Settings from(com.typesafe.config.Config config) {
            return new Settings(NodeSettings.from(config), CoreSettings.from(config), KernelSettings.from(config));
        }

        /** Refuses a node with fewer cores than {@code what} needs. */
        public Settings requireCores(int cores, String what) {
            if (node.cores() < cores) {
                throw new org.bxiemu.engine.BadInputException("node.cores: " + what + " needs " + cores + " cores, has "
                        + node.cores());
            }
            return this;
        }
    }

    private NodePlatform() {}

    public static String nodeId(int node) {
        return String.format("n%04d", node);
    }

    public static String coreId(int node, int core) {
        return nodeId(node) + ".core" + core;
    }

    public static String kernelId(int node) {
        return nodeId(node) + ".kernel";
    }

    public static String hubId(int node) {
        return nodeId(node) + ".node";
    }

    /**
     * Adds node {@code node} in partition group {@code group} (its leaf switch when it has a NIC).
     * With {@code nicId} non-null, the NIC's "host" port is wired to the node over PCIe.
     */
    public static void addNode(Platform.Builder builder, int node, String group, Settings s, ProgramRegistry programs,
            List<BootProcess> boot, String nicId, long pcieLatency) {
        addNode(builder, node, nodeId(node), group, s, programs, boot, nicId, pcieLatency);
    }

    /** As above, with the node's id prefix given (the fabric's {@code FabricGraph.nodeId}, e.g. n0042). */
    public static void addNode(Platform.Builder builder, int node, String nodeId, String group, Settings s,
            ProgramRegistry programs, List<BootProcess> boot, String nicId, long pcieLatency) {
        addNode(builder, node, nodeId, group, s, programs, boot, nicId, pcieLatency, FaultPlan.NONE);
    }

    /**
     * As above, with the fault plan's entries for this node: its cores' slowdowns, noise and
     * interrupt faults, and its crash (every component of the node, its NIC included, stops).
     */
    public static void addNode(Platform.Builder builder, int node, String nodeId, String group, Settings s,
            ProgramRegistry programs, List<BootProcess> boot, String nicId, long pcieLatency, FaultPlan faults) {
        int cores = s.node().cores();
        List<String> hubPorts = new ArrayList<>();
        List<String> kernelPorts = new ArrayList<>();
        for (int c = 0; c < cores; c++) {
            hubPorts.add(Node.corePort(c));
            kernelPorts.add(Kernel.corePort(c));
        }
        hubPorts.add("kernel");
        if (nicId != null) hubPorts.add("nic");
        hubPorts.add("device");
        kernelPorts.add("node");
        kernelPorts.add("rpc");
        String hub = nodeId + ".node";
        String kernel = nodeId + ".kernel";
        builder.component(hub, group, () -> Node.create(s.node()), hubPorts.toArray(String[]::new));
        builder.component(kernel, group, () -> Kernel.create(node, cores, s.kernel(), s.core().frequency(), programs, boot),
                kernelPorts.toArray(String[]::new));
        builder.connect(kernel, "node", hub, "kernel", s.node().coreLinkLatency());
        for (int c = 0; c < cores; c++) {
            int index = c;
            String core = nodeId + ".core" + c;
            CoreFaults coreFaults = CoreFaults.of(faults, nodeId, core);
            builder.component(core, group, () -> Core.create(node, index, s.core(), coreFaults), "node", "kernel");
            builder.connect(core, "node", hub, Node.corePort(c), s.node().coreLinkLatency());
            builder.connect(core, "kernel", kernel, Kernel.corePort(c), s.kernel().entryLatency());
        }
        if (nicId != null) builder.connect(nicId, "host", hub, "nic", pcieLatency);
        long crash = Long.MAX_VALUE;
        for (Fault.NodeCrash c : faults.on(Fault.NodeCrash.class, Targets.TargetClass.NODE, nodeId)) {
            crash = Math.min(crash, c.when().start());
        }
        if (crash != Long.MAX_VALUE) {
            builder.haltAt(hub, crash).haltAt(kernel, crash);
            for (int c = 0; c < cores; c++) builder.haltAt(nodeId + ".core" + c, crash);
            if (nicId != null) builder.haltAt(nicId, crash);
        }
    }

    /** The ids of the cores of nodes {@code nodeIds}, as fault plans name them ({@code n0001.core0}). */
    public static List<String> coreIds(List<String> nodeIds, int cores) {
        List<String> ids = new ArrayList<>();
        for (String n : nodeIds) for (int c = 0; c < cores; c++) ids.add(n + ".core" + c);
        return ids;
    }

    /** Joins the kernels of nodes 0..nodes-1 for their RPCs. */
    public static void connectKernels(Platform.Builder builder, int nodes, Settings s) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < nodes; n++) ids.add(nodeId(n));
        connectKernels(builder, ids, s);
    }

    /** Joins the kernels of the nodes with ids {@code nodeIds} (in node order) for their RPCs. */
    public static void connectKernels(Platform.Builder builder, List<String> nodeIds, Settings s) {
        List<String> kernels = new ArrayList<>();
        for (String id : nodeIds) kernels.add(id + ".kernel");
        builder.mesh("kernel-rpc", kernels, "rpc", s.kernel().rpcLatency());
    }
}
