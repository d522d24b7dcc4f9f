/**
 * Collectives offloaded to the NIC with Portals 4 triggered operations (the {@code offload}
 * progression engine), after Hemmert, Barrett, Underwood: "Using triggered operations to offload
 * collective communication operations" (EuroMPI 2010) and Underwood, Levenhagen, Hemmert,
 * Brightwell: "High message rate, NIC-based atomics: design and performance considerations"
 * (CLUSTER 2011).
 *
 * <p>At the call, the host posts the whole collective for its rank as a chain: match entries that
 * count what lands on them (counting events), zero-byte signals, and Puts and Atomics triggered
 * when a counter reaches a threshold. From then on the NIC runs the collective alone; the host
 * hears of the end from one event (a zero-byte Put the NIC sends itself once the rank's final
 * counter reaches its threshold), found by any progress call as any completion is.
 *
 * <p>Every collective uses its own counters and its own match bits on the collective portal
 * ({@link OffloadBits}: communicator context, a per-communicator sequence, a slot per role), so
 * it never matches point-to-point traffic nor another collective in flight. A peer's zero-byte
 * signal may arrive before this rank has posted its entries: it then lands in the portal's
 * overflow list and is counted when the entry is appended (EVENT_CT_OVERFLOW). Data is only ever
 * sent to an entry known to exist: the receiver says so first with a signal, or has already
 * sent something that causally precedes the data.
 */
package org.bxiemu.mpi.runtime.offload;
