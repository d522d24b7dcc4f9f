package org.bxiemu.mpi.runtime;

import java.util.function.BooleanSupplier;
import org.bxiemu.engine.units.Cost;
import org.bxiemu.mpi.MpiSettings;
import org.bxiemu.mpi.Request;
import org.bxiemu.mpi.collective.CollectiveArgs;
import org.bxiemu.mpi.runtime.offload.Members;
import org.bxiemu.mpi.runtime.offload.OffloadedCollectives;
import org.bxiemu.mpi.runtime.offload.RankPort;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.ProcessId;
import org.bxiemu.node.user.Step;

/**
 * {@code offload}: triggered operations, no host progress. Point to point progresses only inside
 * MPI calls, as with {@code poll}; barrier, bcast and allreduce (up to
 * {@code mpi.offload.allreduce-limit}) are posted at the call as chains of Portals triggered
 * operations that the NIC then runs alone ({@code runtime.offload}), so a non-blocking one
 * completes during the program's compute without the host doing anything; the other collectives
 * use the host schedules. A wait with nothing to do spins on the event queue's word, where the NIC
 * also notes each offloaded collective's end.
 */
final class OffloadEngine implements ProgressEngine {
    private OffloadedCollectives collectives;

    @Override
    public String name() {
        return "offload";
    }

    @Override
    public boolean locks() {
        return false;
    }

    @Override
    public void start(MpiRank rank) {
        collectives = new OffloadedCollectives(new Port(rank));
        collectives.start(rank.eventQueue());
    }

    @Override
    public void idle(MpiRank rank, BooleanSupplier done, long completionsSeen, long deadline) {
        rank.spinOnEventQueue(deadline);
    }

    /** The collective on the NIC, or null when the host runs it. */
    Request icollective(Communicator comm, CollectiveArgs args) {
        return collectives.start(new Members(comm.context(), comm.rank(), comm.worldRanks()), args);
    }

    /** Part of every progress call: ended collectives hand their results over. */
    void progress() {
        collectives.progress();
    }

    /** The rank as the offloaded collectives use it. */
    private record Port(MpiRank rank) implements RankPort {
        @Override
        public long post(HostMessage.HostRequest request) {
            return rank.post(request);
        }

        @Override
        public void doorbell(HostMessage.HostRequest request) {
            rank.command(request, false);
        }

        @Override
        public int handle(long word) {
            return (int) rank.context().run(new Step.WaitWord(word, v -> v > 0)).value() - 1;
        }

        @Override
        public long allocate(long bytes) {
            return rank.allocate(bytes);
        }

        @Override
        public void write(long address, byte[] data) {
            rank.context().run(new Step.WriteMemory(address, data));
        }

        @Override
        public byte[] read(long address, long length) {
            byte[] data = rank.context().run(new Step.ReadMemory(address, length)).data();
            return data.length == length ? data : new byte[0];
        }

        @Override
        public void free(long address, long length) {
            rank.context().run(new Step.FreeMemory(address, length));
        }

        @Override
        public void library(Cost cost) {
            rank.library(cost);
        }

        @Override
        public ProcessId process(int worldRank) {
            return new ProcessId(rank.job().nodeOf(worldRank), worldRank);
        }

        @Override
        public MpiSettings settings() {
            return rank.settings();
        }

        @Override
        public Request eventRequest() {
            return rank.eventRequest();
        }

        @Override
        public long requestId(Request request) {
            return rank.requestId(request);
        }

        @Override
        public void forget(Request request) {
            rank.forget(request);
        }
    }
}
