package org.bxiemu.node;

import static org.bxiemu.node.NodeRuns.compute;
import static org.bxiemu.node.NodeRuns.mark;
import static org.bxiemu.node.NodeRuns.tally;
import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.KernelSettings;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.kernel.process.Pid;
import org.bxiemu.kernel.process.Placement;
import org.bxiemu.kernel.process.ThreadSpec;
import org.bxiemu.kernel.process.Tid;
import org.bxiemu.node.NodeRuns.Model;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Step;
import org.junit.jupiter.api.Test;

/**
 * A process spanning three nodes: its boot thread on node 0 spawns one thread on node 1 and one
 * on node 2 (a parallel kernel RPC), then kills the one on node 2 (murder) while the one on
 * node 1 ends by itself (suicide). The PID names node 0, its owner, everywhere.
 */
class DistributedProcessTest {
    static final long US = Durations.US;

    /** The first thread a node's kernel creates has local index 1 (ProcessManager numbering). */
    static final int VICTIM = Tid.of(2, 1);

    /**
     * The boot thread on node 0 spawns a worker on node 1 and one on node 2; with {@code kill} it
     * then kills node 2's worker, which would otherwise compute for 1 s. Node 1's worker computes
     * 50 us and ends by itself.
     */
    static Rig rig(boolean kill) {
        Rig rig = new Rig("node.cores = 2").nodes(3);
        rig.program("worker", () -> Script.program(
                run(api -> api.count("pid.owner=" + Pid.ownerNode(api.pid()), 1)),
                run(api -> api.count("tid.node=" + Tid.node(api.tid()), 1)),
                run(api -> api.count("tid.index=" + Tid.localIndex(api.tid()), 1)),
                mark("w.start"),
                Script.later(api -> new Step.Compute(api.node() == 1 || !kill ? 50 * US : 1000 * Durations.MS)),
                tally("w.done")));
        rig.thread(0, run(api -> api.count("pid.owner=" + Pid.ownerNode(api.pid()), 1)),
                mark("spawn.start"),
                call(new Syscall.SpawnThreads(List.of(new Placement(1, new ThreadSpec("worker", new byte[0], 0)),
                        new Placement(2, new ThreadSpec("worker", new byte[0], 0))))),
                run(api -> api.count("spawn=" + api.result().value(), 1)), mark("spawn.end"),
                Script.when(() -> kill, compute(10 * US), mark("kill.start"), call(new Syscall.KillThread(VICTIM)),
                        run(api -> api.count("kill=" + api.result().value(), 1)), mark("kill.end")));
        return rig;
    }

    static void assertProcessSpannedThreeNodes(Run r) {
        assertEquals(1, r.core(0, 0, "spawn=2"), "two threads created");
        for (int node = 0; node < 3; node++) {
            assertEquals(1, r.kernel(node, "kernel.threads.started"), "node " + node);
            assertEquals(1, r.kernel(node, "kernel.threads.ended"), "node " + node);
            assertEquals(0, r.kernel(node, "kernel.threads.alive"), "node " + node);
            assertEquals(1, r.core(node, 0, "pid.owner=0"), "the PID names the owner, node 0, on node " + node);
        }
        assertEquals(1, r.core(1, 0, "tid.node=1"));
        assertEquals(1, r.core(2, 0, "tid.node=2"));
        assertEquals(1, r.core(2, 0, "tid.index=" + Tid.localIndex(VICTIM)));
        assertEquals(1, r.core(1, 0, "w.done"), "node 1's worker ended by itself");
        // the owner learns of every end, drops the copies, then the process is gone
        assertEquals(1, r.kernel(0, "kernel.processes.ended"));
        assertEquals(0, r.kernel(1, "kernel.processes.ended"));
        assertEquals(0, r.kernel(2, "kernel.processes.ended"));
    }

    @Test
    void spawnOnTwoNodesByParallelRpcAndTheProcessEndsAtItsOwner() {
        Run r = rig(false).run();
        assertProcessSpannedThreeNodes(r);
        assertEquals(1, r.core(2, 0, "w.done"));
    }

    @Test
    void killARemoteThreadByRpc() {
        Rig rig = rig(true);
        Run r = rig.run();
        assertProcessSpannedThreeNodes(r);
        assertEquals(1, r.core(0, 0, "kill=0"));
        assertEquals(0, r.core(2, 0, "w.done"), "node 2's worker was killed");
        // the victim's core gets the IPI as soon as the request reaches node 2
        Model m = rig.model;
        KernelSettings k = m.kernel();
        long e = k.entryLatency();
        long ipi = 2 * m.node().coreLinkLatency() + m.node().ipiLatency();
        long rpc = m.ps(k.rpcHandling()) + k.rpcLatency();
        long killed = r.core(0, 0, "kill.start") + e + rpc + ipi;
        assertEquals(killed - r.core(2, 0, "w.start"), r.core(2, 0, "core.time.compute"));
        long dispatch = ipi + m.core().idleExit() + 2 * e + m.ps(k.ipiReceive()) + m.ps(k.contextSwitch());
        assertEquals(r.core(0, 0, "kill.start") + e + 2 * rpc + dispatch, r.core(0, 0, "kill.end"));
    }

    @Test
    void rpcWakeUpsReachTheCoresWithoutStaleKernelCharge() {
        Rig rig = rig(false);
        Run r = rig.run();
        Model m = rig.model;
        KernelSettings k = m.kernel();
        long e = k.entryLatency();
        long ipi = 2 * m.node().coreLinkLatency() + m.node().ipiLatency();
        long rpc = m.ps(k.rpcHandling()) + k.rpcLatency();
        // an RPC-driven wake-up: reschedule IPI at once, idle exit, kernel entry, IPI handling,
        // context switch and return
        long dispatch = ipi + m.core().idleExit() + 2 * e + m.ps(k.ipiReceive()) + m.ps(k.contextSwitch());
        // the request reaches nodes 1 and 2 one RPC after the syscall entered node 0's kernel
        long request = r.core(0, 0, "spawn.start") + e + rpc;
        assertEquals(request + dispatch, r.core(1, 0, "w.start"));
        assertEquals(request + dispatch, r.core(2, 0, "w.start"));
        // the replies come back one RPC later; the caller wakes on its idle core
        assertEquals(request + rpc + dispatch, r.core(0, 0, "spawn.end"));
    }
}
