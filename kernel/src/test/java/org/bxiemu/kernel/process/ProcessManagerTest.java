package org.bxiemu.kernel.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bxiemu.kernel.process.ProcessEffect.Completed;
import org.bxiemu.kernel.process.ProcessEffect.CopyRemoved;
import org.bxiemu.kernel.process.ProcessEffect.ProcessEnded;
import org.bxiemu.kernel.process.ProcessEffect.SendRpc;
import org.bxiemu.kernel.process.ProcessEffect.StartThread;
import org.bxiemu.kernel.process.ProcessEffect.StopThread;
import org.bxiemu.protocol.kernel.KernelRpc.BodyCase;
import org.junit.jupiter.api.Test;

class ProcessManagerTest {

    private static final ThreadSpec RANK = new ThreadSpec("rank", new byte[] {1, 2, 3}, 2);

    private static List<Placement> on(int... nodes) {
        List<Placement> placements = new ArrayList<>();
        for (int n : nodes) {
            placements.add(new Placement(n, RANK));
        }
        return placements;
    }

    /** The tids of the one Completed effect of {@code requestId} at {@code node}. */
    private static List<Integer> completedTids(Network net, int node, long requestId) {
        List<Completed> done =
                net.effects(node, Completed.class).stream().filter(c -> c.requestId() == requestId).toList();
        assertEquals(1, done.size(), "Completed " + requestId + " at node " + node);
        assertTrue(done.get(0).outcome().isOk(), done.get(0).outcome().error());
        return done.get(0).outcome().tids();
    }

    private static ProcessDescriptor descriptor(Network net, int node, int pid) {
        return net.node(node).descriptor(pid).orElseThrow();
    }

    @Test
    void pidsAndTidsNameTheirNodeAndCheckRanges() {
        int pid = Pid.of(3, 17);
        assertEquals(3, Pid.ownerNode(pid));
        assertEquals(17, Pid.localIndex(pid));
        assertEquals("3:17", Pid.format(pid));
        int max = Pid.of(32767, 65535);
        assertEquals(32767, Pid.ownerNode(max));
        assertEquals(65535, Pid.localIndex(max));
        assertTrue(max > 0);
        int tid = Tid.of(5, 1);
        assertEquals(5, Tid.node(tid));
        assertEquals(1, Tid.localIndex(tid));
        assertEquals("5:1", Tid.format(tid));

        assertThrows(IllegalArgumentException.class, () -> Pid.of(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Pid.of(32768, 1));
        assertThrows(IllegalArgumentException.class, () -> Pid.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Pid.of(0, 65536));
        assertThrows(IllegalArgumentException.class, () -> Tid.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Tid.of(40000, 1));
        assertThrows(IllegalArgumentException.class, () -> Pid.ownerNode(3 << 16));
        assertThrows(IllegalArgumentException.class, () -> Tid.node(-1));

        // A manager's pids are owned by it, from index 1; its threads are hosted by it.
        Network net = new Network(4);
        int p1 = net.node(2).createProcess("a");
        int p2 = net.node(2).createProcess("b");
        assertEquals(Pid.of(2, 1), p1);
        assertEquals(Pid.of(2, 2), p2);
        net.apply(2, net.node(2).spawn(1, p1, on(2, 3)));
        net.drain();
        List<Integer> tids = completedTids(net, 2, 1);
        assertEquals(2, Tid.node(tids.get(0)));
        assertEquals(3, Tid.node(tids.get(1)));
    }

    @Test
    void remoteCreateBySimpleRpcMakesACopyKnownToTheReference() {
        Network net = new Network(4);
        int pid = net.node(0).createProcess("app");
        List<ProcessEffect> spawn = net.apply(0, net.node(0).spawn(7, pid, on(2)));
        assertEquals(1, spawn.size());
        SendRpc send = (SendRpc) spawn.get(0);
        assertEquals(2, send.toNode());
        assertEquals(BodyCase.CREATE_THREADS, send.rpc().getBodyCase());
        assertTrue(net.effects(0, Completed.class).isEmpty());
        assertTrue(net.node(2).descriptor(pid).isEmpty());

        assertEquals(2, net.drain()); // request and reply
        List<StartThread> started = net.effects(2, StartThread.class);
        assertEquals(1, started.size());
        int tid = started.get(0).tid();
        assertEquals(pid, started.get(0).pid());
        assertEquals(2, Tid.node(tid));
        assertEquals(RANK, started.get(0).spec());
        assertArrayEquals(new byte[] {1, 2, 3}, started.get(0).spec().arguments());
        assertEquals(List.of(tid), completedTids(net, 0, 7));

        ProcessDescriptor copy = descriptor(net, 2, pid);
        assertFalse(copy.reference());
        assertEquals(0, copy.ownerNode());
        assertEquals("app", copy.name());
        assertEquals(Set.of(tid), copy.localThreads());
        ProcessDescriptor ref = descriptor(net, 0, pid);
        assertTrue(ref.reference());
        assertEquals(Set.of(2), ref.copyNodes());
        assertEquals(Map.of(2, 1), ref.threadsPerNode());
        assertTrue(ref.localThreads().isEmpty());
        assertTrue(net.node(1).processes().isEmpty());
        assertEquals(pid, net.node(2).pidOf(tid).getAsInt());
    }

    @Test
    void parallelRpcToThreeNodesCompletesOnTheLastReplyInPlacementOrder() {
        Network net = new Network(4);
        int pid = net.node(0).createProcess("app");
        List<ProcessEffect> spawn = net.apply(0, net.node(0).spawn(9, pid, on(3, 1, 0, 2, 1)));
        List<Integer> targets = spawn.stream()
                .filter(e -> e instanceof SendRpc).map(e -> ((SendRpc) e).toNode()).toList();
        assertEquals(List.of(1, 2, 3), targets); // one request per distinct node
        SendRpc toOne = (SendRpc) spawn.stream()
                .filter(e -> e instanceof SendRpc s && s.toNode() == 1).findFirst().orElseThrow();
        assertEquals(2, toOne.rpc().getCreateThreads().getSpecsCount());
        assertEquals(1, net.effects(0, StartThread.class).size()); // the local one, directly

        // Deliver the three requests, then the replies one by one.
        for (int i = 0; i < 3; i++) {
            assertTrue(net.deliverFirst(m -> m.rpc().hasCreateThreads()));
        }
        assertEquals(3, net.inFlight().size());
        assertTrue(net.inFlight().stream().allMatch(m -> m.rpc().hasCreateThreadsReply()));
        assertTrue(net.step());
        assertTrue(net.step());
        assertTrue(net.effects(0, Completed.class).isEmpty(), "completed before the last reply");
        assertTrue(net.step());
        assertFalse(net.step());
        assertEquals(3, net.delivered(BodyCase.CREATE_THREADS_REPLY));

        List<Integer> tids = completedTids(net, 0, 9);
        assertEquals(List.of(3, 1, 0, 2, 1), tids.stream().map(Tid::node).toList());
        assertEquals(5, new TreeSet<>(tids).size());
        assertEquals(Map.of(0, 1, 1, 2, 2, 1, 3, 1), descriptor(net, 0, pid).threadsPerNode());
        assertEquals(Set.of(1, 2, 3), descriptor(net, 0, pid).copyNodes());
        assertEquals(Set.of(tids.get(1), tids.get(4)), descriptor(net, 1, pid).localThreads());
        assertEquals(Set.of(tids.get(2)), descriptor(net, 0, pid).localThreads());
    }

    @Test
    void killOfRemoteThreadsStopsThemOnTheirNodeAndUpdatesTheOwner() {
        Network net = new Network(4);
        int pid = net.node(0).createProcess("app");
        net.apply(0, net.node(0).spawn(1, pid, on(1, 2)));
        net.drain();
        List<Integer> tids = completedTids(net, 0, 1);

        // The owner kills the thread on node 1.
        net.apply(0, net.node(0).kill(2, tids.get(0)));
        assertTrue(net.effects(1, StopThread.class).isEmpty());
        net.drain();
        assertEquals(List.of(new StopThread(pid, tids.get(0))), net.effects(1, StopThread.class));
        assertEquals(List.of(), completedTids(net, 0, 2));
        assertEquals(Map.of(2, 1), descriptor(net, 0, pid).threadsPerNode());
        assertTrue(descriptor(net, 1, pid).localThreads().isEmpty());
        assertTrue(net.effects(0, ProcessEnded.class).isEmpty());

        // Node 3, which has nothing to do with the process, kills the last thread (on node 2).
        net.apply(3, net.node(3).kill(3, tids.get(1)));
        net.drain();
        assertEquals(List.of(new StopThread(pid, tids.get(1))), net.effects(2, StopThread.class));
        assertEquals(List.of(), completedTids(net, 3, 3));
        assertEquals(2, net.delivered(BodyCase.THREAD_EXITED)); // owner told each time
        assertEquals(
                List.of(new ProcessEnded(pid, ProcessManager.KILLED_EXIT_CODE)),
                net.effects(0, ProcessEnded.class));
        for (int n = 0; n < 4; n++) {
            assertTrue(net.node(n).processes().isEmpty(), "node " + n);
        }
    }

    @Test
    void suicideOfTheLastThreadsEndsTheProcessAndRemovesEveryCopy() {
        Network net = new Network(4);
        int pid = net.node(0).createProcess("app");
        net.apply(0, net.node(0).spawn(1, pid, on(0, 1, 2, 3, 3)));
        net.drain();
        List<Integer> tids = completedTids(net, 0, 1);

        for (int i = 0; i < tids.size() - 1; i++) {
            int tid = tids.get(i);
            net.apply(Tid.node(tid), net.node(Tid.node(tid)).exit(tid, i));
            net.drain();
        }
        assertTrue(net.effects(0, ProcessEnded.class).isEmpty());
        assertEquals(0, net.delivered(BodyCase.DESTROY_COPY));
        assertEquals(Map.of(3, 1), descriptor(net, 0, pid).threadsPerNode());
        assertTrue(descriptor(net, 1, pid).localThreads().isEmpty()); // copy kept, no thread
        assertThrows(IllegalArgumentException.class, () -> net.node(1).exit(tids.get(1), 0));

        int last = tids.get(tids.size() - 1);
        net.apply(3, net.node(3).exit(last, 42));
        net.drain();
        assertEquals(3, net.delivered(BodyCase.DESTROY_COPY));
        assertEquals(3, net.delivered(BodyCase.DESTROY_COPY_REPLY));
        assertEquals(
                Set.of(1, 2, 3),
                new TreeSet<>(net.delivered().stream()
                        .filter(m -> m.rpc().hasDestroyCopy()).map(Network.Message::to).toList()));
        assertEquals(List.of(new ProcessEnded(pid, 42)), net.effects(0, ProcessEnded.class));
        for (int n = 1; n < 4; n++) {
            assertEquals(List.of(new CopyRemoved(pid)), net.effects(n, CopyRemoved.class));
        }
        for (int n = 0; n < 4; n++) {
            assertTrue(net.node(n).processes().isEmpty(), "node " + n);
            assertTrue(net.effects(n, StopThread.class).isEmpty(), "nobody was murdered");
        }
    }

    @Test
    void killProcessRemovesEveryThreadAndCopy() {
        Network net = new Network(4);
        int pid = net.node(0).createProcess("app");
        int other = net.node(0).createProcess("other");
        net.apply(0, net.node(0).spawn(1, pid, on(0, 0, 1, 2, 2)));
        net.apply(0, net.node(0).spawn(2, other, on(2)));
        net.drain();
        List<Integer> tids = completedTids(net, 0, 1);

        net.apply(0, net.node(0).killProcess(3, pid));
        assertTrue(net.effects(0, Completed.class).stream().noneMatch(c -> c.requestId() == 3));
        assertEquals(2, net.inFlight().size()); // one DestroyCopy per copy node
        net.drain();
        assertEquals(2, net.delivered(BodyCase.DESTROY_COPY_REPLY));

        Set<Integer> stopped = new TreeSet<>();
        for (int n = 0; n < 4; n++) {
            for (StopThread s : net.effects(n, StopThread.class)) {
                assertEquals(pid, s.pid());
                assertEquals(n, Tid.node(s.tid()));
                stopped.add(s.tid());
            }
        }
        assertEquals(new TreeSet<>(tids), stopped);
        assertEquals(
                List.of(new ProcessEnded(pid, ProcessManager.KILLED_EXIT_CODE)),
                net.effects(0, ProcessEnded.class));
        assertEquals(List.of(), completedTids(net, 0, 3));
        assertEquals(Set.of(other), net.node(0).processes());
        assertTrue(net.node(1).processes().isEmpty());
        assertEquals(Set.of(other), net.node(2).processes()); // the other process is untouched
        assertEquals(1, descriptor(net, 2, other).localThreads().size());
    }

    @Test
    void killProcessDuringASpawnAlsoDestroysTheCopyBeingCreated() {
        Network net = new Network(3);
        int pid = net.node(0).createProcess("app");
        net.apply(0, net.node(0).spawn(1, pid, on(0, 2)));
        net.apply(0, net.node(0).killProcess(2, pid)); // the CreateThreads to node 2 is in flight
        net.drain();
        List<Integer> tids = completedTids(net, 0, 1);
        assertEquals(2, Tid.node(tids.get(1)));
        assertEquals(List.of(new StopThread(pid, tids.get(1))), net.effects(2, StopThread.class));
        assertEquals(List.of(), completedTids(net, 0, 2));
        assertEquals(1, net.effects(0, ProcessEnded.class).size());
        assertTrue(net.node(0).processes().isEmpty());
        assertTrue(net.node(2).processes().isEmpty());
    }

    @Test
    void threadExitOvertakingItsCreationReplyStillEndsTheProcess() {
        Network net = new Network(2);
        int pid = net.node(0).createProcess("app");
        net.apply(0, net.node(0).spawn(1, pid, on(1)));
        assertTrue(net.step()); // CreateThreads; its reply stays in flight
        int tid = net.effects(1, StartThread.class).get(0).tid();
        net.apply(1, net.node(1).exit(tid, 5));
        assertTrue(net.deliverFirst(m -> m.rpc().hasThreadExited()));
        assertTrue(net.effects(0, ProcessEnded.class).isEmpty());
        net.drain();
        assertEquals(List.of(tid), completedTids(net, 0, 1));
        assertEquals(List.of(new ProcessEnded(pid, 5)), net.effects(0, ProcessEnded.class));
        assertTrue(net.node(0).processes().isEmpty());
        assertTrue(net.node(1).processes().isEmpty());
    }

    @Test
    void killingAnUnknownTidCompletesWithAnError() {
        Network net = new Network(4);
        net.apply(0, net.node(0).kill(5, Tid.of(3, 5)));
        net.drain();
        assertEquals(
                List.of(new Completed(5, Outcome.failed("no thread 3:5 on node 3"))),
                net.effects(0, Completed.class));
        assertTrue(net.effects(3, StopThread.class).isEmpty());

        List<ProcessEffect> local = net.node(0).kill(6, Tid.of(0, 9));
        assertEquals(List.of(new Completed(6, Outcome.failed("no thread 0:9 on node 0"))), local);

        int pid = net.node(0).createProcess("app");
        assertThrows(IllegalArgumentException.class, () -> net.node(1).spawn(7, pid, on(1)));
        assertThrows(IllegalArgumentException.class, () -> net.node(1).killProcess(8, pid));
        assertThrows(IllegalArgumentException.class, () -> net.node(0).exit(Tid.of(0, 1), 0));
    }

    /** A run mixing every operation; returns everything it produced. */
    private static List<Network.Logged> scenario() {
        Network net = new Network(5);
        int a = net.node(0).createProcess("a");
        int b = net.node(3).createProcess("b");
        net.apply(0, net.node(0).spawn(1, a, on(4, 1, 0, 2, 1, 3)));
        net.apply(3, net.node(3).spawn(2, b, on(3, 0, 4)));
        net.drain();
        List<Integer> ta = completedTids(net, 0, 1);
        List<Integer> tb = completedTids(net, 3, 2);
        net.apply(2, net.node(2).kill(3, ta.get(1)));
        net.apply(4, net.node(4).exit(ta.get(0), 1));
        net.apply(0, net.node(0).exit(tb.get(1), 2));
        net.drain();
        net.apply(3, net.node(3).killProcess(4, b));
        net.apply(0, net.node(0).exit(ta.get(2), 0));
        net.drain();
        for (int tid : List.of(ta.get(3), ta.get(4), ta.get(5))) {
            net.apply(Tid.node(tid), net.node(Tid.node(tid)).exit(tid, 3));
        }
        net.drain();
        assertEquals(1, net.effects(0, ProcessEnded.class).size());
        assertEquals(1, net.effects(3, ProcessEnded.class).size());
        return net.log();
    }

    @Test
    void sameCallsGiveIdenticalEffects() {
        List<Network.Logged> first = scenario();
        List<Network.Logged> second = scenario();
        assertTrue(first.size() > 40, "scenario too small: " + first.size());
        assertEquals(first, second);
    }
}
