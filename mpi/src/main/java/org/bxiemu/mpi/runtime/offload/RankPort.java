package org.bxiemu.mpi.runtime.offload;

import org.bxiemu.engine.units.Cost;
import org.bxiemu.mpi.MpiSettings;
import org.bxiemu.mpi.Request;
import org.bxiemu.nic.host.HostMessage;
import org.bxiemu.nic.portals.ProcessId;

/** What an offloaded collective may do on its rank: drive the NIC, use the rank's memory, spend library time. */
public interface RankPort {
    /** Posts a command through the doorbell; returns the word its completion (handle + 1) lands in. */
    long post(HostMessage.HostRequest request);

    /** Posts a command whose completion nobody reads. */
    void doorbell(HostMessage.HostRequest request);

    /** Waits for the command whose completion word is {@code word}; returns the handle it allocated. */
    int handle(long word);

    /** Fresh memory of the rank for {@code bytes}. */
    long allocate(long bytes);

    void write(long address, byte[] data);

    /** The bytes at {@code address}, or an empty array when that memory holds no real data. */
    byte[] read(long address, long length);

    /** Node memory may forget the real bytes of a buffer that is no longer used. */
    void free(long address, long length);

    void library(Cost cost);

    /** The Portals process of world rank {@code worldRank}. */
    ProcessId process(int worldRank);

    MpiSettings settings();

    /** A request that completes when the NIC posts a PUT event with user pointer {@link #requestId}. */
    Request eventRequest();

    long requestId(Request request);

    /** The request is done with: the library forgets it. */
    void forget(Request request);
}
