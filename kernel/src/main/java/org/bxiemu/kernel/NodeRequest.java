package org.bxiemu.kernel;

/**
 * What the kernel asks of its node's memory and APIC fabric (kernel to node, in-process): the
 * UPIDs and UITTs live in node memory, where the NIC and the cores also reach them.
 */
public sealed interface NodeRequest {

    /** A new UPID at {@code address}: notification vector {@code nv}, destination core {@code ndst}. */
    record UpidCreate(long address, int nv, int ndst) implements NodeRequest {}

    record UpidFree(long address) implements NodeRequest {}

    /** Switch-out of the receiver: SN = 1, so posts set PIR without an IPI. */
    record UpidSuppress(long address) implements NodeRequest {}

    /**
     * Switch-in of the receiver on {@code core}: NV = UINV, NDST = core, SN = 0, and if PIR is not
     * empty a self-IPI so the pending vectors are recognised (uintr RFC).
     */
    record UpidResume(long address, int core) implements NodeRequest {}

    /** uintr_wait (or a blocking call with the waiting flag): NV = the kernel wait vector, SN = 0. */
    record UpidWait(long address) implements NodeRequest {}

    /** Entry {@code index} of UITT {@code uitt}: user vector {@code vector} to the UPID at {@code upid}. */
    record UittSet(int uitt, int index, int vector, long upid) implements NodeRequest {}

    record UittClear(int uitt, int index) implements NodeRequest {}

    /** The kernel posts user vector {@code vector} to a UPID, as SENDUIPI does. */
    record UpidPost(long address, int vector) implements NodeRequest {}

    /** An IPI with {@code vector} to {@code core} (reschedule, ...). */
    record SendIpi(int core, int vector) implements NodeRequest {}

    /** A completion ring's queue at {@code address} (its tail word), created empty. */
    record RingCreate(long address) implements NodeRequest {}

    /** The kernel posts a completion entry to the ring at {@code address} and bumps its tail word. */
    record CompletionPost(long address, long userData, long result) implements NodeRequest {}
}
