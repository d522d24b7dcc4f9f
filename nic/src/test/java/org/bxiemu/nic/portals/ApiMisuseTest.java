package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.A;
import static org.bxiemu.nic.portals.Fixtures.B;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse of the API is an exception with a clear message; network failures never are. */
class ApiMisuseTest {

    private final NetworkInterface ni = new NetworkInterface(A);
    private final EqHandle eq = ni.eqAlloc(8);
    private final MdHandle md = ni.mdBind(MemoryDescriptor.of(0x1000, 64));

    private static void rejects(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    private static MatchEntry entry(int pt) {
        return MatchEntry.builder(pt).options(MeOption.OP_PUT).build();
    }

    @Test
    void unknownHandles() {
        rejects("unknown or freed event queue", () -> ni.eqStatus(new EqHandle(42)));
        rejects("unknown or freed counter", () -> ni.ctGet(new CtHandle(42)));
        rejects("unknown or released memory descriptor", () -> ni.md(new MdHandle(42)));
        rejects("unknown me", () -> ni.meUnlink(new MeHandle(42)));
        rejects("no pending operation", () -> ni.onSendComplete(42));
        rejects("unknown or freed counter", () -> ni.mdBind(MemoryDescriptor.of(0, 8).withCt(new CtHandle(9))));
    }

    @Test
    void portalTableIndices() {
        rejects("out of range", () -> ni.ptAlloc(64, eq, Set.of()));
        rejects("out of range", () -> ni.ptAlloc(-1, eq, Set.of()));
        ni.ptAlloc(3, eq, Set.of());
        rejects("already allocated", () -> ni.ptAlloc(3, eq, Set.of()));
        rejects("not allocated", () -> ni.meAppend(entry(4)));
        rejects("PTL_PT_EQ_NEEDED", () -> ni.ptAlloc(5, EqHandle.NONE, Set.of(PtOption.FLOWCTRL)));
        ni.ptFree(3);
        rejects("not allocated", () -> ni.meAppend(entry(3)));
        rejects("out of range", () -> ni.put(md, 0, 8, AckRequest.ACK, B, 64, 0, 0, 0, 0));
    }

    @Test
    void inUseResourcesCannotBeFreed() {
        ni.ptAlloc(0, eq, Set.of());
        MeHandle me = ni.meAppend(entry(0)).handle();
        assertThrows(IllegalStateException.class, () -> ni.ptFree(0));
        assertThrows(IllegalStateException.class, () -> ni.eqFree(eq));
        ni.meUnlink(me);
        ni.ptFree(0);
        CtHandle ct = ni.ctAlloc();
        ni.mdBind(MemoryDescriptor.of(0, 8).withCt(ct));
        assertThrows(IllegalStateException.class, () -> ni.ctFree(ct));
    }

    @Test
    void invalidOperationArguments() {
        rejects("outside", () -> ni.put(md, 60, 8, AckRequest.ACK, B, 0, 0, 0, 0, 0));
        rejects("concrete", () -> ni.put(md, 0, 8, AckRequest.ACK, ProcessId.ANY, 0, 0, 0, 0, 0));
        rejects("multiple of 4", () -> ni.atomic(md, 0, 6, AckRequest.ACK, B, 0, 0, 0, 0, 0, AtomicOp.SUM,
                AtomicType.INT32));
        rejects("only valid in a swap", () -> ni.atomic(md, 0, 8, AckRequest.ACK, B, 0, 0, 0, 0, 0,
                AtomicOp.CSWAP, AtomicType.INT64));
        rejects("not a swap", () -> ni.swap(md, 0, md, 8, 8, B, 0, 0, 0, 0, 0, 0, AtomicOp.SUM, AtomicType.INT64));
        rejects("exactly one", () -> ni.swap(md, 0, md, 16, 16, B, 0, 0, 0, 0, 0, 0, AtomicOp.CSWAP,
                AtomicType.INT64));
        rejects("not defined on", () -> ni.atomic(md, 0, 8, AckRequest.ACK, B, 0, 0, 0, 0, 0, AtomicOp.BXOR,
                AtomicType.DOUBLE));
        MdHandle big = ni.mdBind(MemoryDescriptor.of(0, 4096));
        rejects("max_atomic_size", () -> ni.atomic(big, 0, 1024, AckRequest.ACK, B, 0, 0, 0, 0, 0, AtomicOp.SUM,
                AtomicType.INT64));
        assertTrue(ni.pendingOperations() == 0, "rejected commands leave no trace");
    }

    @Test
    void invalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessId(-2, 0));
        assertThrows(IllegalArgumentException.class, () -> new CtValue(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> ni.eqAlloc(0));
        assertThrows(IllegalArgumentException.class, () -> ni.eqConsumed(eq, 1));
        assertThrows(IllegalArgumentException.class, () -> MatchEntry.builder(0).buffer(0, -1).build());
        assertThrows(IllegalArgumentException.class, () -> new OperationHeader(1, OpKind.GET, A, B, 0, 0, 0, 8, 0,
                AckRequest.ACK, null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new OperationHeader(1, OpKind.ATOMIC, A, B, 0, 0, 0, 8, 0,
                AckRequest.ACK, null, null, 0));
    }

    @Test
    void deliveryToTheWrongProcessIsANicBug() {
        rejects("delivered to", () -> ni.deliver(Fixtures.put(B, B, 0, 0, 0, 8, AckRequest.ACK)));
    }
}
