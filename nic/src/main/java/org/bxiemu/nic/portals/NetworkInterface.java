package org.bxiemu.nic.portals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Portals 4 semantics of one process's network interface (matching, physical addressing):
 * portal table, match lists, event queues, counting events, memory descriptors, triggered
 * operations, and the initiator and target sides of put, get, atomic, fetch-atomic and swap.
 *
 * <p>Pure and deterministic: no threads, no clock, no callbacks. Every call that can have
 * consequences returns them as an ordered list of {@link Effect}s that the NIC carries out (DMA,
 * event writes, packets). Handles are small integers allocated sequentially and never reused;
 * all state lives in arrays, lists and tree maps, so the same sequence of calls always yields the
 * same results.
 *
 * <p>API misuse (unknown handle, index out of range, invalid lengths, a wildcard target...)
 * throws {@link IllegalArgumentException}; freeing or releasing something still in use throws
 * {@link IllegalStateException} (Portals' {@code PTL_IN_USE}). What goes wrong on the network or
 * at the target is never an exception: it is an {@link NiFail} in events and acknowledgements.
 *
 * <p>Effect order at the target: data effect, communication event, counter update, AUTO_UNLINK
 * (and AUTO_FREE), the ACK/REPLY, then whatever triggered operations became due. Triggered
 * operations fire when their counter's success count is at least their threshold; those due on
 * one counter fire by threshold then submission order, and counters changed by firing operations
 * are checked afterwards, in the order they changed (breadth first, so chains never recurse).
 */
public final class NetworkInterface {

    private final ProcessId self;
    private final NiLimits limits;
    private final PortalTableEntry[] table;
    private final TreeMap<Integer, EventQueue> eqs = new TreeMap<>();
    private final TreeMap<Integer, Counter> cts = new TreeMap<>();
    private final TreeMap<Integer, BoundMd> mds = new TreeMap<>();
    private final TreeMap<Integer, LinkedEntry> mes = new TreeMap<>();
    private final TreeMap<Long, PendingOperation> pending = new TreeMap<>();
    /** Counters whose waiting triggered operations must be checked, in the order they changed. */
    private final ArrayDeque<Counter> toCheck = new ArrayDeque<>();

    private int nextEq;
    private int nextCt;
    private int nextMd;
    private int nextMe;
    private long nextOpId;
    private long nextTriggerSequence;
    private long nextHeaderSequence;
    private int triggeredPending;
    private int unexpectedHeaders;
    /**
     * Messages caught in the overflow list whose data is still arriving, with the claims that wait
     * for it (looked up by the header's identity, never iterated).
     */
    private final java.util.IdentityHashMap<OperationHeader, List<java.util.function.Consumer<List<Effect>>>> landing =
            new java.util.IdentityHashMap<>();
    private long droppedCount;
    private long permissionViolations;

    public NetworkInterface(ProcessId self) {
        this(self, NiLimits.DEFAULT);
    }

    public NetworkInterface(ProcessId self, NiLimits limits) {
        this.self = ProcessId.requireConcrete(self, "self");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.table = new PortalTableEntry[limits.maxPtIndex() + 1];
    }

    public ProcessId self() {
        return self;
    }

    public NiLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- event queues

    /** Allocates an event queue holding {@code capacity} events. */
    public EqHandle eqAlloc(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("EQ capacity must be > 0, got " + capacity);
        }
        EqHandle h = new EqHandle(nextEq++);
        eqs.put(h.value(), new EventQueue(h, capacity));
        return h;
    }

    public void eqFree(EqHandle eq) {
        eventQueue(eq);
        for (PortalTableEntry pt : table) {
            if (pt != null && pt.eq().equals(eq)) {
                throw new IllegalStateException(eq + " is used by portal table entry " + pt.index());
            }
        }
        for (BoundMd md : mds.values()) {
            if (md.spec.eq().equals(eq)) {
                throw new IllegalStateException(eq + " is used by " + md.handle);
            }
        }
        eqs.remove(eq.value());
    }

    /**
     * The host consumed {@code count} events of {@code eq} (its read pointer advanced): their slots
     * are free again. The NIC learns this from the host and must report it, or the queue fills up.
     */
    public void eqConsumed(EqHandle eq, int count) {
        EventQueue q = eventQueue(eq);
        if (count < 0 || count > q.pending) {
            throw new IllegalArgumentException("cannot consume " + count + " events of " + eq + " holding "
                    + q.pending);
        }
        q.pending -= count;
    }

    public EqStatus eqStatus(EqHandle eq) {
        return eventQueue(eq).status();
    }

    // ---------------------------------------------------------------- counting events

    public CtHandle ctAlloc() {
        CtHandle h = new CtHandle(nextCt++);
        cts.put(h.value(), new Counter(h));
        return h;
    }

    /**
     * Frees a counter. Triggered operations waiting on it are cancelled; it must not be used by a
     * live MD or entry, nor be the target of a pending triggered CtInc/CtSet.
     */
    public void ctFree(CtHandle ct) {
        Counter c = counter(ct);
        for (BoundMd md : mds.values()) {
            if (md.spec.ct().equals(ct)) {
                throw new IllegalStateException(ct + " is used by " + md.handle);
            }
        }
        for (LinkedEntry e : mes.values()) {
            if (e.holdsPt() && e.spec.counter().equals(ct)) {
                throw new IllegalStateException(ct + " is used by " + e.handle);
            }
        }
        for (Counter other : cts.values()) {
            for (TriggeredOp op : other.waiting.values()) {
                CtHandle target = switch (op) {
                    case TriggeredOp.CtIncrement inc -> inc.ct();
                    case TriggeredOp.CtAssign set -> set.ct();
                    default -> null;
                };
                if (ct.equals(target) && other != c) {
                    throw new IllegalStateException(ct + " is the target of a triggered operation on " + other.handle);
                }
            }
        }
        ctCancelTriggered(ct);
        cts.remove(ct.value());
    }

    public CtValue ctGet(CtHandle ct) {
        return counter(ct).value;
    }

    /** {@code PtlCTInc}: adds {@code increment}; due triggered operations fire. */
    public List<Effect> ctInc(CtHandle ct, CtValue increment) {
        Counter c = counter(ct);
        Objects.requireNonNull(increment, "increment");
        List<Effect> out = new ArrayList<>();
        setCounter(c, c.value.plus(increment), out);
        runTriggered(out);
        return List.copyOf(out);
    }

    /** {@code PtlCTSet}: replaces the value; due triggered operations fire. */
    public List<Effect> ctSet(CtHandle ct, CtValue value) {
        Counter c = counter(ct);
        Objects.requireNonNull(value, "value");
        List<Effect> out = new ArrayList<>();
        setCounter(c, value, out);
        runTriggered(out);
        return List.copyOf(out);
    }

    /** {@code PtlCTCancelTriggered}: destroys the operations waiting on {@code ct}, unperformed. */
    public void ctCancelTriggered(CtHandle ct) {
        Counter c = counter(ct);
        for (TriggeredOp op : c.waiting.values()) {
            release(op);
        }
        triggeredPending -= c.waiting.size();
        c.waiting.clear();
    }

    /** Triggered operations waiting on {@code ct}. */
    public int triggeredWaiting(CtHandle ct) {
        return counter(ct).waiting.size();
    }

    // ---------------------------------------------------------------- portal table

    /** {@code PtlPTAlloc} at a given index. Flow control needs an event queue. */
    public int ptAlloc(int index, EqHandle eq, Set<PtOption> options) {
        requirePtIndex(index);
        Objects.requireNonNull(eq, "eq (use EqHandle.NONE)");
        Objects.requireNonNull(options, "options");
        if (table[index] != null) {
            throw new IllegalArgumentException("portal table entry " + index + " is already allocated");
        }
        EventQueue q = eq.isNone() ? null : eventQueue(eq);
        if (options.contains(PtOption.FLOWCTRL)) {
            if (q == null) {
                throw new IllegalArgumentException("flow control needs an event queue (PTL_PT_EQ_NEEDED)");
            }
            q.reserved++;
        }
        table[index] = new PortalTableEntry(index, eq, options);
        return index;
    }

    /** {@code PtlPTAlloc} with {@code PTL_PT_ANY}: the lowest free index. */
    public int ptAlloc(EqHandle eq, Set<PtOption> options) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == null) {
                return ptAlloc(i, eq, options);
            }
        }
        throw new IllegalStateException("portal table is full (PTL_PT_FULL)");
    }

    public void ptFree(int index) {
        PortalTableEntry pt = portalTableEntry(index);
        if (!pt.unexpected.isEmpty()) {
            throw new IllegalStateException("portal table entry " + index + " still holds unexpected headers");
        }
        for (LinkedEntry e : mes.values()) {
            if (e.holdsPt() && e.spec.ptIndex() == index) {
                throw new IllegalStateException("portal table entry " + index + " still has " + e.handle);
            }
        }
        if (pt.flowControlled()) {
            eventQueue(pt.eq()).reserved--;
        }
        table[index] = null;
    }

    /** {@code PtlPTEnable}: accepts messages again (after {@code ptDisable} or flow control). */
    public void ptEnable(int index) {
        portalTableEntry(index).setEnabled(true);
    }

    /** {@code PtlPTDisable}: rejects messages with PT_DISABLED; posts no event. */
    public void ptDisable(int index) {
        portalTableEntry(index).setEnabled(false);
    }

    public PortalTableEntry portalTableEntry(int index) {
        requirePtIndex(index);
        PortalTableEntry pt = table[index];
        if (pt == null) {
            throw new IllegalArgumentException("portal table entry " + index + " is not allocated");
        }
        return pt;
    }

    // ---------------------------------------------------------------- memory descriptors

    public MdHandle mdBind(MemoryDescriptor md) {
        Objects.requireNonNull(md, "md");
        if (!md.eq().isNone()) {
            eventQueue(md.eq());
        }
        if (!md.ct().isNone()) {
            counter(md.ct());
        }
        MdHandle h = new MdHandle(nextMd++);
        mds.put(h.value(), new BoundMd(h, md));
        return h;
    }

    /** {@code PtlMDRelease}; an MD with operations in flight or triggered is in use. */
    public void mdRelease(MdHandle md) {
        BoundMd b = boundMd(md);
        if (b.inUse > 0) {
            throw new IllegalStateException(md + " has " + b.inUse + " pending operations (PTL_IN_USE)");
        }
        mds.remove(md.value());
    }

    public MemoryDescriptor md(MdHandle md) {
        return boundMd(md).spec;
    }

    // ---------------------------------------------------------------- match list entries

    /**
     * {@code PtlMEAppend}. An entry appended to the priority list first claims matching unexpected
     * headers in arrival order, with an *_OVERFLOW event each: a USE_ONCE entry claims one and is
     * consumed without ever being linked (AUTO_UNLINK unless disabled, no LINK); a persistent entry
     * claims every matching header (as {@code PtlMESearch}'s implementation note requires of
     * persistent entries) and then links. The data of a claimed header stays in the overflow
     * buffer (the event gives its address), so claiming does not advance a MANAGE_LOCAL offset.
     */
    public MeAppendResult meAppend(MatchEntry spec) {
        PortalTableEntry pt = checkAppend(spec);
        LinkedEntry e = newEntry(spec, MatchEntryStatus.State.LINKED);
        List<Effect> out = new ArrayList<>();
        boolean linked = link(pt, e, out);
        runTriggered(out);
        return new MeAppendResult(e.handle, linked, out);
    }

    /**
     * {@code PtlMEUnlink}: removes a linked entry (or cancels a triggered append not yet fired).
     * Posts no event. Unexpected headers whose data sits in an unlinked overflow entry keep it.
     *
     * @return false if the entry was no longer linked (already unlinked or consumed)
     */
    public boolean meUnlink(MeHandle me) {
        Objects.requireNonNull(me, "me");
        if (me.value() >= nextMe) {
            throw new IllegalArgumentException("unknown " + me);
        }
        LinkedEntry e = mes.get(me.value());
        if (e == null) {
            return false;
        }
        switch (e.state) {
            case LINKED -> table[e.spec.ptIndex()].list(e.spec.list()).remove(e);
            case PENDING_TRIGGER -> {
                e.triggerCounter.waiting.remove(e.triggerKey);
                triggeredPending--;
                e.triggerCounter = null;
            }
            default -> {
                return false;
            }
        }
        e.state = MatchEntryStatus.State.UNLINKED;
        forgetIfDead(e, new ArrayList<>());
        return true;
    }

    /**
     * {@code PtlMESearch}: looks for unexpected headers matching {@code spec} (its list is
     * ignored; it is never linked and never counts). SEARCH_ONLY posts one SEARCH event (OK with
     * the first match's header, or NO_MATCH); SEARCH_DELETE removes the matches (one if USE_ONCE)
     * with the overflow events an append would post, or posts SEARCH with NO_MATCH.
     */
    public List<Effect> meSearch(MatchEntry spec, SearchOp op) {
        PortalTableEntry pt = checkAppend(spec);
        Objects.requireNonNull(op, "op");
        List<Effect> out = new ArrayList<>();
        boolean searchEvents = !spec.has(MeOption.EVENT_DISABLE) && !spec.has(MeOption.EVENT_COMM_DISABLE);
        boolean found = false;
        for (int i = 0; i < pt.unexpected.size(); ) {
            UnexpectedHeader u = pt.unexpected.get(i);
            if (!Matching.matches(spec, 0, u.header()) || !Matching.permits(spec, u.header().kind())) {
                i++;
                continue;
            }
            found = true;
            if (op == SearchOp.SEARCH_ONLY) {
                if (searchEvents && !spec.has(MeOption.EVENT_SUCCESS_DISABLE)) {
                    post(pt.eq(), Event.target(EventKind.SEARCH, u.header(), u.mlength(), u.start(), spec.userPtr(),
                            NiFail.OK, ListKind.OVERFLOW), out);
                }
                break;
            }
            pt.unexpected.remove(i);
            claimed(u, spec, pt, false, out);
            releaseHeader(u, pt, out);
            if (spec.has(MeOption.USE_ONCE)) {
                break;
            }
        }
        if (!found && searchEvents) {
            post(pt.eq(), Event.entry(EventKind.SEARCH, pt.index(), spec.userPtr(), NiFail.NO_MATCH), out);
        }
        runTriggered(out);
        return List.copyOf(out);
    }

    /** State of an entry, or empty once it is unlinked and no unexpected header refers to it. */
    public Optional<MatchEntryStatus> meStatus(MeHandle me) {
        LinkedEntry e = mes.get(Objects.requireNonNull(me, "me").value());
        return e == null ? Optional.empty()
                : Optional.of(new MatchEntryStatus(e.state, e.spec.list(), e.localOffset, e.headerRefs));
    }

    // ---------------------------------------------------------------- initiator

    /** {@code PtlPut}. */
    public Outgoing put(MdHandle md, long localOffset, long length, AckRequest ackRequest, ProcessId target,
                        int ptIndex, long matchBits, long remoteOffset, long userPtr, long hdrData) {
        return initiate(new DataCommand.Put(md, localOffset, length, ackRequest, target, ptIndex, matchBits,
                remoteOffset, userPtr, hdrData));
    }

    /** {@code PtlGet}. */
    public Outgoing get(MdHandle md, long localOffset, long length, ProcessId target, int ptIndex, long matchBits,
                        long remoteOffset, long userPtr) {
        return initiate(new DataCommand.Get(md, localOffset, length, target, ptIndex, matchBits, remoteOffset,
                userPtr));
    }

    /** {@code PtlAtomic}. */
    public Outgoing atomic(MdHandle md, long localOffset, long length, AckRequest ackRequest, ProcessId target,
                           int ptIndex, long matchBits, long remoteOffset, long userPtr, long hdrData, AtomicOp op,
                           AtomicType type) {
        return initiate(new DataCommand.Atomic(md, localOffset, length, ackRequest, target, ptIndex, matchBits,
                remoteOffset, userPtr, hdrData, op, type));
    }

    /** {@code PtlFetchAtomic}. */
    public Outgoing fetchAtomic(MdHandle getMd, long localGetOffset, MdHandle putMd, long localPutOffset,
                                long length, ProcessId target, int ptIndex, long matchBits, long remoteOffset,
                                long userPtr, long hdrData, AtomicOp op, AtomicType type) {
        return initiate(new DataCommand.FetchAtomic(getMd, localGetOffset, putMd, localPutOffset, length, target,
                ptIndex, matchBits, remoteOffset, userPtr, hdrData, op, type));
    }

    /** {@code PtlSwap}; {@code operand} is the compare value (CSWAP*) or mask (MSWAP), little-endian. */
    public Outgoing swap(MdHandle getMd, long localGetOffset, MdHandle putMd, long localPutOffset, long length,
                         ProcessId target, int ptIndex, long matchBits, long remoteOffset, long userPtr,
                         long hdrData, long operand, AtomicOp op, AtomicType type) {
        return initiate(new DataCommand.Swap(getMd, localGetOffset, putMd, localPutOffset, length, target, ptIndex,
                matchBits, remoteOffset, userPtr, hdrData, operand, op, type));
    }

    /** Validates and starts a command: the request to send. */
    public Outgoing initiate(DataCommand command) {
        validate(command);
        holdMds(command);
        return start(command);
    }

    /** {@link #onSendComplete(long, NiFail)} for a request that left successfully. */
    public List<Effect> onSendComplete(long opId) {
        return onSendComplete(opId, NiFail.OK);
    }

    /**
     * The request of {@code opId} has left (its source buffer is reusable), or could not be
     * delivered ({@code niFail} UNDELIVERABLE, from the reliability layer). The NIC reports this for
     * every operation, gets included (they post no SEND event). Posts SEND on the put MD; after a
     * failure no response will come, so a get/fetch/swap reports a failed REPLY at once.
     */
    public List<Effect> onSendComplete(long opId, NiFail niFail) {
        Objects.requireNonNull(niFail, "niFail");
        PendingOperation op = pendingOperation(opId);
        if (op.sendDone) {
            throw new IllegalArgumentException("send of operation " + opId + " already completed");
        }
        op.sendDone = true;
        DataCommand cmd = op.command;
        List<Effect> out = new ArrayList<>();
        boolean ok = niFail == NiFail.OK;
        if (cmd.sendMd() != null) {
            MemoryDescriptor md = boundMd(cmd.sendMd()).spec;
            if (!md.has(MdOption.EVENT_SEND_DISABLE) && !(ok && md.has(MdOption.EVENT_SUCCESS_DISABLE))) {
                post(md.eq(), Event.initiator(EventKind.SEND, self, cmd, 0, cmd.remoteOffset(), niFail), out);
            }
            if (md.has(MdOption.EVENT_CT_SEND)) {
                count(md.ct(), ok, md.has(MdOption.EVENT_CT_BYTES), cmd.length(), out);
            }
        }
        if (!ok && op.expectsResponse && !op.responseDone) {
            op.responseDone = true;
            if (cmd.replyMd() != null) {
                reportReply(cmd, AckInfo.failure(niFail), out);
            }
        }
        finishIfComplete(op);
        runTriggered(out);
        return List.copyOf(out);
    }

    /**
     * The ACK of a put or atomic arrived. ACK posts a full ACK event; CT_ACK and OC_ACK only
     * count (OC_ACK counts one success whatever happened at the target). Counting needs the MD's
     * EVENT_CT_ACK.
     */
    public List<Effect> onAck(long opId, AckInfo info) {
        Objects.requireNonNull(info, "info");
        PendingOperation op = pendingOperation(opId);
        DataCommand cmd = op.command;
        if (cmd.kind().repliesWithData() || cmd.ackRequest() == AckRequest.NO_ACK) {
            throw new IllegalArgumentException("operation " + opId + " (" + cmd.kind() + ", " + cmd.ackRequest()
                    + ") expects no acknowledgement");
        }
        if (op.responseDone) {
            throw new IllegalArgumentException("operation " + opId + " was already acknowledged");
        }
        op.responseDone = true;
        List<Effect> out = new ArrayList<>();
        MemoryDescriptor md = boundMd(cmd.sendMd()).spec;
        boolean ok = info.niFail() == NiFail.OK;
        if (cmd.ackRequest() == AckRequest.ACK && !(ok && md.has(MdOption.EVENT_SUCCESS_DISABLE))) {
            post(md.eq(), Event.initiator(EventKind.ACK, self, cmd, info.mlength(), info.remoteOffset(),
                    info.niFail()), out);
        }
        if (md.has(MdOption.EVENT_CT_ACK)) {
            if (cmd.ackRequest() == AckRequest.OC_ACK) {
                count(md.ct(), true, false, 0, out);
            } else {
                count(md.ct(), ok, md.has(MdOption.EVENT_CT_BYTES), info.mlength(), out);
            }
        }
        finishIfComplete(op);
        runTriggered(out);
        return List.copyOf(out);
    }

    /**
     * The REPLY of a get, fetch-atomic or swap arrived: its data (mlength bytes) is deposited into
     * the get MD at the local offset, then REPLY is posted and counted.
     */
    public List<Effect> onReply(long opId, AckInfo info) {
        Objects.requireNonNull(info, "info");
        PendingOperation op = pendingOperation(opId);
        DataCommand cmd = op.command;
        if (!cmd.kind().repliesWithData()) {
            throw new IllegalArgumentException("operation " + opId + " (" + cmd.kind() + ") expects no reply");
        }
        if (op.responseDone) {
            throw new IllegalArgumentException("operation " + opId + " already has its reply");
        }
        if (info.mlength() > cmd.length()) {
            throw new IllegalArgumentException("reply of " + info.mlength() + " bytes exceeds the requested "
                    + cmd.length());
        }
        op.responseDone = true;
        List<Effect> out = new ArrayList<>();
        reportReply(cmd, info, out);
        finishIfComplete(op);
        runTriggered(out);
        return List.copyOf(out);
    }

    /** Operations started and not yet complete (send and response). */
    public int pendingOperations() {
        return pending.size();
    }

    // ---------------------------------------------------------------- target

    /**
     * An operation arrives: decides what happens to it.
     *
     * <p>Rejections, in the order checked: unknown portal index (DROPPED); disabled entry
     * (PT_DISABLED); flow-controlled entry whose event queue is full (disables it, PT_DISABLED
     * event); no matching entry (flow control: disable + PT_DISABLED; otherwise DROPPED); the
     * matching entry does not permit the operation (OP_VIOLATION, no state change, no event); the
     * match is an overflow entry but the unexpected-header budget is spent (as "no match"). A
     * rejected operation is answered when it asks for an answer (get/fetch/swap always, put/atomic
     * unless NO_ACK), with mlength 0.
     *
     * <p>Accepted: offset is the remote offset, or the entry's local offset with MANAGE_LOCAL
     * (advanced by mlength); {@code mlength = min(rlength, length - offset)} (0 past the end), further
     * capped by the NI limits and, for atomics, rounded down to whole elements. USE_ONCE, or
     * MANAGE_LOCAL with {@code length - localOffset < minFree}, unlinks the entry. A match in the
     * overflow list also records an unexpected header for later appends.
     */
    public TargetOutcome deliver(OperationHeader h) {
        return deliver(h, false);
    }

    /**
     * As {@link #deliver(OperationHeader)}, for the first packet of a message whose data keeps
     * arriving in later packets ({@code landsLater}): if it lands in the overflow list, an entry
     * that claims it before the last packet is in gets its overflow event (and count) only once
     * {@link #landed} says the data is all there — an event must never announce data the
     * overflow buffer does not hold yet.
     */
    public TargetOutcome deliver(OperationHeader h, boolean landsLater) {
        Objects.requireNonNull(h, "header");
        if (!h.target().equals(self)) {
            throw new IllegalArgumentException("operation for " + h.target() + " delivered to " + self);
        }
        List<Effect> out = new ArrayList<>();
        int index = h.ptIndex();
        PortalTableEntry pt = index >= 0 && index < table.length ? table[index] : null;
        if (pt == null) {
            return reject(h, NiFail.DROPPED, out);
        }
        if (!pt.enabled()) {
            return reject(h, NiFail.PT_DISABLED, out);
        }
        if (pt.flowControlled() && eventQueue(pt.eq()).full()) {
            return exhausted(pt, h, out);
        }
        LinkedEntry me = find(pt, h);
        if (me == null || (me.spec.list() == ListKind.OVERFLOW && unexpectedHeaders >= limits.maxUnexpectedHeaders()
                && Matching.permits(me.spec, h.kind()))) {
            return pt.flowControlled() ? exhausted(pt, h, out) : reject(h, NiFail.DROPPED, out);
        }
        MatchEntry spec = me.spec;
        if (!Matching.permits(spec, h.kind())) {
            permissionViolations++;
            return reject(h, NiFail.OP_VIOLATION, out);
        }

        long offset = Matching.offset(spec, me.localOffset, h);
        long mlength = offset >= spec.length() ? 0 : Math.min(h.length(), spec.length() - offset);
        mlength = Math.min(mlength, sizeLimit(h));
        if (h.kind().isAtomic()) {
            mlength -= mlength % h.atomicType().size();
        }
        if (spec.has(MeOption.MANAGE_LOCAL)) {
            me.localOffset += mlength;
        }
        long start = spec.start() + offset;
        boolean overflow = spec.list() == ListKind.OVERFLOW;
        boolean unlink = spec.has(MeOption.USE_ONCE) || (spec.has(MeOption.MANAGE_LOCAL) && spec.minFree() > 0
                && spec.length() - me.localOffset < spec.minFree());

        if (mlength > 0) {
            out.add(dataEffect(h, start, mlength, overflow));
        }
        if (commEvents(spec)) {
            post(pt.eq(), Event.target(h.kind().commEvent(), h, mlength, start, spec.userPtr(), NiFail.OK,
                    spec.list()), out);
        }
        if (spec.has(MeOption.EVENT_CT_COMM)) {
            count(spec.counter(), true, spec.has(MeOption.EVENT_CT_BYTES), mlength, out);
        }
        if (overflow) {
            if (landsLater) landing.put(h, new ArrayList<>());
            pt.unexpected.add(new UnexpectedHeader(nextHeaderSequence++, h, mlength, start, me));
            me.headerRefs++;
            unexpectedHeaders++;
        }
        if (unlink) {
            pt.list(spec.list()).remove(me);
            me.state = MatchEntryStatus.State.AUTO_UNLINKED;
            if (unlinkEvents(spec)) {
                post(pt.eq(), Event.entry(EventKind.AUTO_UNLINK, pt.index(), spec.userPtr(), NiFail.OK), out);
                me.autoFreePending = overflow;
            }
            forgetIfDead(me, out);
        }
        respond(h, new AckInfo(NiFail.OK, mlength, offset), out);
        runTriggered(out);
        return new TargetOutcome(h, NiFail.OK, me.handle, spec.list(), offset, mlength, start, out);
    }

    /** Messages rejected at this interface (dropped, disabled entry, violations), since creation. */
    public long droppedCount() {
        return droppedCount;
    }

    /** Operations that matched an entry not permitting them, since creation. */
    public long permissionViolationCount() {
        return permissionViolations;
    }

    // ---------------------------------------------------------------- triggered operations

    /**
     * Submits a data-movement command to start when {@code trigger}'s success count reaches
     * {@code threshold} (at once if it already has: the returned effects then hold its Send).
     */
    public List<Effect> triggered(DataCommand command, CtHandle trigger, long threshold) {
        validate(command);
        Counter c = triggerCounter(trigger, threshold);
        holdMds(command);
        return enqueue(c, threshold, new TriggeredOp.Data(command));
    }

    /** {@code PtlTriggeredPut}. */
    public List<Effect> triggeredPut(MdHandle md, long localOffset, long length, AckRequest ackRequest,
                                     ProcessId target, int ptIndex, long matchBits, long remoteOffset, long userPtr,
                                     long hdrData, CtHandle trigger, long threshold) {
        return triggered(new DataCommand.Put(md, localOffset, length, ackRequest, target, ptIndex, matchBits,
                remoteOffset, userPtr, hdrData), trigger, threshold);
    }

    /** {@code PtlTriggeredGet}. */
    public List<Effect> triggeredGet(MdHandle md, long localOffset, long length, ProcessId target, int ptIndex,
                                     long matchBits, long remoteOffset, long userPtr, CtHandle trigger,
                                     long threshold) {
        return triggered(new DataCommand.Get(md, localOffset, length, target, ptIndex, matchBits, remoteOffset,
                userPtr), trigger, threshold);
    }

    /** {@code PtlTriggeredAtomic}. */
    public List<Effect> triggeredAtomic(MdHandle md, long localOffset, long length, AckRequest ackRequest,
                                        ProcessId target, int ptIndex, long matchBits, long remoteOffset,
                                        long userPtr, long hdrData, AtomicOp op, AtomicType type, CtHandle trigger,
                                        long threshold) {
        return triggered(new DataCommand.Atomic(md, localOffset, length, ackRequest, target, ptIndex, matchBits,
                remoteOffset, userPtr, hdrData, op, type), trigger, threshold);
    }

    /** {@code PtlTriggeredFetchAtomic}. */
    public List<Effect> triggeredFetchAtomic(MdHandle getMd, long localGetOffset, MdHandle putMd,
                                             long localPutOffset, long length, ProcessId target, int ptIndex,
                                             long matchBits, long remoteOffset, long userPtr, long hdrData,
                                             AtomicOp op, AtomicType type, CtHandle trigger, long threshold) {
        return triggered(new DataCommand.FetchAtomic(getMd, localGetOffset, putMd, localPutOffset, length, target,
                ptIndex, matchBits, remoteOffset, userPtr, hdrData, op, type), trigger, threshold);
    }

    /** {@code PtlTriggeredSwap}. */
    public List<Effect> triggeredSwap(MdHandle getMd, long localGetOffset, MdHandle putMd, long localPutOffset,
                                      long length, ProcessId target, int ptIndex, long matchBits, long remoteOffset,
                                      long userPtr, long hdrData, long operand, AtomicOp op, AtomicType type,
                                      CtHandle trigger, long threshold) {
        return triggered(new DataCommand.Swap(getMd, localGetOffset, putMd, localPutOffset, length, target, ptIndex,
                matchBits, remoteOffset, userPtr, hdrData, operand, op, type), trigger, threshold);
    }

    /** {@code PtlTriggeredCTInc}: adds {@code increment} to {@code ct} when {@code trigger} reaches the threshold. */
    public List<Effect> triggeredCtInc(CtHandle ct, CtValue increment, CtHandle trigger, long threshold) {
        counter(ct);
        Objects.requireNonNull(increment, "increment");
        return enqueue(triggerCounter(trigger, threshold), threshold, new TriggeredOp.CtIncrement(ct, increment));
    }

    /** {@code PtlTriggeredCTSet}. */
    public List<Effect> triggeredCtSet(CtHandle ct, CtValue value, CtHandle trigger, long threshold) {
        counter(ct);
        Objects.requireNonNull(value, "value");
        return enqueue(triggerCounter(trigger, threshold), threshold, new TriggeredOp.CtAssign(ct, value));
    }

    /**
     * {@code PtlTriggeredMEAppend}: the handle exists at once (its status is PENDING_TRIGGER); the
     * append, with its search of the unexpected list, happens when the trigger fires.
     */
    public MeAppendResult triggeredMeAppend(MatchEntry spec, CtHandle trigger, long threshold) {
        checkAppend(spec);
        Counter c = triggerCounter(trigger, threshold);
        LinkedEntry e = newEntry(spec, MatchEntryStatus.State.PENDING_TRIGGER);
        List<Effect> out = enqueue(c, threshold, new TriggeredOp.Append(e));
        return new MeAppendResult(e.handle, e.state == MatchEntryStatus.State.LINKED, out);
    }

    // ================================================================ internals

    private TargetOutcome reject(OperationHeader h, NiFail niFail, List<Effect> out) {
        droppedCount++;
        respond(h, AckInfo.failure(niFail), out);
        runTriggered(out);
        return new TargetOutcome(h, niFail, null, null, 0, 0, 0, out);
    }

    /** Flow control: resource exhaustion disables the entry and says so in its event queue. */
    private TargetOutcome exhausted(PortalTableEntry pt, OperationHeader h, List<Effect> out) {
        pt.setEnabled(false);
        out.add(eventQueue(pt.eq()).post(Event.target(EventKind.PT_DISABLED, h, 0, 0, 0, NiFail.PT_DISABLED, null),
                true));
        return reject(h, NiFail.PT_DISABLED, out);
    }

    /** First match: the priority list in append order, then the overflow list. */
    private static LinkedEntry find(PortalTableEntry pt, OperationHeader h) {
        for (LinkedEntry e : pt.priority) {
            if (Matching.matches(e.spec, e.localOffset, h)) {
                return e;
            }
        }
        for (LinkedEntry e : pt.overflow) {
            if (Matching.matches(e.spec, e.localOffset, h)) {
                return e;
            }
        }
        return null;
    }

    private long sizeLimit(OperationHeader h) {
        return switch (h.kind()) {
            case PUT, GET -> limits.maxMsgSize();
            case ATOMIC, FETCH_ATOMIC -> limits.maxAtomicSize();
            case SWAP -> h.atomicOp().usesOperand() ? h.atomicType().size() : limits.maxAtomicSize();
        };
    }

    private static Effect dataEffect(OperationHeader h, long start, long mlength, boolean overflow) {
        return switch (h.kind()) {
            case PUT -> new Effect.Deposit(start, mlength, overflow);
            case GET -> new Effect.Fetch(start, mlength);
            case ATOMIC -> new Effect.AtomicUpdate(start, mlength, h.atomicOp(), h.atomicType(), h.operand(), false);
            case FETCH_ATOMIC, SWAP ->
                    new Effect.AtomicUpdate(start, mlength, h.atomicOp(), h.atomicType(), h.operand(), true);
        };
    }

    /** Answers when asked: a REPLY for get/fetch/swap, an ACK for put/atomic unless NO_ACK. */
    private static void respond(OperationHeader h, AckInfo info, List<Effect> out) {
        if (h.kind().repliesWithData()) {
            out.add(new Effect.Respond(new Response(ResponseKind.REPLY, h.initiator(), h.opId(), info)));
        } else if (h.ackRequest() != AckRequest.NO_ACK) {
            out.add(new Effect.Respond(new Response(ResponseKind.ACK, h.initiator(), h.opId(), info)));
        }
    }

    private static boolean fullEvents(MatchEntry s) {
        return !s.has(MeOption.EVENT_DISABLE);
    }

    private static boolean commEvents(MatchEntry s) {
        return fullEvents(s) && !s.has(MeOption.EVENT_COMM_DISABLE) && !s.has(MeOption.EVENT_SUCCESS_DISABLE);
    }

    private static boolean overflowEvents(MatchEntry s) {
        return fullEvents(s) && !s.has(MeOption.EVENT_OVER_DISABLE) && !s.has(MeOption.EVENT_SUCCESS_DISABLE);
    }

    private static boolean linkEvents(MatchEntry s) {
        return fullEvents(s) && !s.has(MeOption.EVENT_LINK_DISABLE);
    }

    private static boolean unlinkEvents(MatchEntry s) {
        return fullEvents(s) && !s.has(MeOption.EVENT_UNLINK_DISABLE);
    }

    private static Event overflowEvent(UnexpectedHeader u, MatchEntry claimer) {
        return Event.target(u.header().kind().overflowEvent(), u.header(), u.mlength(), u.start(), claimer.userPtr(),
                NiFail.OK, ListKind.OVERFLOW);
    }

    private PortalTableEntry checkAppend(MatchEntry spec) {
        Objects.requireNonNull(spec, "match entry");
        PortalTableEntry pt = portalTableEntry(spec.ptIndex());
        if (!spec.counter().isNone()) {
            counter(spec.counter());
        }
        return pt;
    }

    private LinkedEntry newEntry(MatchEntry spec, MatchEntryStatus.State state) {
        LinkedEntry e = new LinkedEntry(new MeHandle(nextMe++), spec, state);
        mes.put(e.handle.value(), e);
        return e;
    }

    /** Appends {@code e}: claims unexpected headers (priority list only), then links. True if linked. */
    private boolean link(PortalTableEntry pt, LinkedEntry e, List<Effect> out) {
        MatchEntry spec = e.spec;
        if (spec.list() == ListKind.PRIORITY) {
            for (int i = 0; i < pt.unexpected.size(); ) {
                UnexpectedHeader u = pt.unexpected.get(i);
                if (!Matching.matches(spec, e.localOffset, u.header()) || !Matching.permits(spec, u.header().kind())) {
                    i++;
                    continue;
                }
                pt.unexpected.remove(i);
                claimed(u, spec, pt, true, out);
                releaseHeader(u, pt, out);
                if (spec.has(MeOption.USE_ONCE)) {
                    e.state = MatchEntryStatus.State.CONSUMED;
                    if (unlinkEvents(spec)) {
                        post(pt.eq(), Event.entry(EventKind.AUTO_UNLINK, pt.index(), spec.userPtr(), NiFail.OK), out);
                    }
                    forgetIfDead(e, out);
                    return false;
                }
            }
        }
        pt.list(spec.list()).add(e);
        e.state = MatchEntryStatus.State.LINKED;
        if (linkEvents(spec)) {
            post(pt.eq(), Event.entry(EventKind.LINK, pt.index(), spec.userPtr(), NiFail.OK), out);
        }
        return true;
    }

    /**
     * The overflow event (and, for an append, the overflow count) of {@code spec} claiming
     * {@code u}: now, or when its data has landed if it is still arriving.
     */
    private void claimed(UnexpectedHeader u, MatchEntry spec, PortalTableEntry pt, boolean counts, List<Effect> out) {
        java.util.function.Consumer<List<Effect>> effects = o -> {
            if (overflowEvents(spec)) {
                post(pt.eq(), overflowEvent(u, spec), o);
            }
            if (counts && spec.has(MeOption.EVENT_CT_OVERFLOW)) {
                count(spec.counter(), true, spec.has(MeOption.EVENT_CT_BYTES), u.mlength(), o);
            }
        };
        List<java.util.function.Consumer<List<Effect>>> waiting = landing.get(u.header());
        if (waiting != null) {
            waiting.add(effects);
        } else {
            effects.accept(out);
        }
    }

    /**
     * The last packet of {@code h}, delivered with {@code landsLater}, is in and its data
     * deposited: the effects of the claims that waited for it (overflow events and counts).
     */
    public List<Effect> landed(OperationHeader h) {
        List<java.util.function.Consumer<List<Effect>>> waiting = landing.remove(h);
        if (waiting == null) {
            return List.of();
        }
        List<Effect> out = new ArrayList<>();
        for (java.util.function.Consumer<List<Effect>> claim : waiting) {
            claim.accept(out);
        }
        runTriggered(out);
        return List.copyOf(out);
    }

    /** An unexpected header was claimed: its overflow entry may now be free (AUTO_FREE). */
    private void releaseHeader(UnexpectedHeader u, PortalTableEntry pt, List<Effect> out) {
        unexpectedHeaders--;
        u.entry().headerRefs--;
        forgetIfDead(u.entry(), out);
    }

    /** Forgets an entry nothing refers to any more, posting AUTO_FREE if its AUTO_UNLINK promised one. */
    private void forgetIfDead(LinkedEntry e, List<Effect> out) {
        if (!e.dead()) {
            return;
        }
        if (e.autoFreePending) {
            e.autoFreePending = false;
            post(table[e.spec.ptIndex()].eq(), Event.entry(EventKind.AUTO_FREE, e.spec.ptIndex(), e.spec.userPtr(),
                    NiFail.OK), out);
        }
        mes.remove(e.handle.value());
    }

    private void post(EqHandle eq, Event event, List<Effect> out) {
        if (!eq.isNone()) {
            out.add(eventQueue(eq).post(event, false));
        }
    }

    /** One counting event: +1 (or +bytes) on success, +1 failure otherwise. */
    private void count(CtHandle ct, boolean ok, boolean countBytes, long bytes, List<Effect> out) {
        if (ct.isNone()) {
            return;
        }
        Counter c = counter(ct);
        setCounter(c, c.value.plus(ok ? CtValue.ofSuccess(countBytes ? bytes : 1) : CtValue.ofFailure(1)), out);
    }

    private void setCounter(Counter c, CtValue value, List<Effect> out) {
        c.value = value;
        out.add(new Effect.CounterUpdate(c.handle, value));
        if (!c.waiting.isEmpty() && !c.queued) {
            c.queued = true;
            toCheck.add(c);
        }
    }

    /** REPLY at the initiator: deposit, event, count. */
    private void reportReply(DataCommand cmd, AckInfo info, List<Effect> out) {
        MemoryDescriptor md = boundMd(cmd.replyMd()).spec;
        boolean ok = info.niFail() == NiFail.OK;
        if (ok && info.mlength() > 0) {
            out.add(new Effect.Deposit(md.start() + cmd.replyOffset(), info.mlength(), false));
        }
        if (!(ok && md.has(MdOption.EVENT_SUCCESS_DISABLE))) {
            post(md.eq(), Event.initiator(EventKind.REPLY, self, cmd, info.mlength(), info.remoteOffset(),
                    info.niFail()), out);
        }
        if (md.has(MdOption.EVENT_CT_REPLY)) {
            count(md.ct(), ok, md.has(MdOption.EVENT_CT_BYTES), info.mlength(), out);
        }
    }

    private void finishIfComplete(PendingOperation op) {
        if (op.complete()) {
            pending.remove(op.opId);
            unholdMds(op.command);
        }
    }

    private void validate(DataCommand cmd) {
        Objects.requireNonNull(cmd, "command");
        ProcessId.requireConcrete(cmd.target(), "target");
        requirePtIndex(cmd.ptIndex());
        if (cmd.length() < 0 || cmd.remoteOffset() < 0) {
            throw new IllegalArgumentException("length and remote offset must be >= 0");
        }
        if (cmd.sendMd() != null || cmd.kind() != OpKind.GET) {
            requireRange(cmd.sendMd(), cmd.sendOffset(), cmd.length());
        }
        if (cmd.replyMd() != null || cmd.kind().repliesWithData()) {
            requireRange(cmd.replyMd(), cmd.replyOffset(), cmd.length());
        }
        if (cmd.ackRequest() == null) {
            throw new IllegalArgumentException("ack request must not be null");
        }
        OpKind kind = cmd.kind();
        if (!kind.isAtomic()) {
            if (cmd.length() > limits.maxMsgSize()) {
                throw new IllegalArgumentException("length " + cmd.length() + " exceeds max_msg_size");
            }
            return;
        }
        AtomicOp op = cmd.atomicOp();
        AtomicType type = cmd.atomicType();
        Atomics.requireValid(op, type);
        if (op.isSwap() != (kind == OpKind.SWAP)) {
            throw new IllegalArgumentException(op + " is " + (op.isSwap() ? "only valid in a swap" : "not a swap"));
        }
        if (op.usesOperand()) {
            if (cmd.length() != type.size()) {
                throw new IllegalArgumentException(op + " works on exactly one " + type + " (" + type.size()
                        + " bytes), got " + cmd.length());
            }
        } else if (cmd.length() % type.size() != 0 || cmd.length() > limits.maxAtomicSize()) {
            throw new IllegalArgumentException("atomic length " + cmd.length() + " must be a multiple of "
                    + type.size() + " and at most max_atomic_size " + limits.maxAtomicSize());
        }
    }

    private void requireRange(MdHandle md, long offset, long length) {
        if (md == null) {
            throw new IllegalArgumentException("memory descriptor must not be null");
        }
        MemoryDescriptor spec = boundMd(md).spec;
        if (offset < 0 || offset > spec.length() || length > spec.length() - offset) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length + ") is outside " + md
                    + " of length " + spec.length());
        }
    }

    private void holdMds(DataCommand cmd) {
        if (cmd.sendMd() != null) {
            boundMd(cmd.sendMd()).inUse++;
        }
        if (cmd.replyMd() != null) {
            boundMd(cmd.replyMd()).inUse++;
        }
    }

    private void unholdMds(DataCommand cmd) {
        if (cmd.sendMd() != null) {
            boundMd(cmd.sendMd()).inUse--;
        }
        if (cmd.replyMd() != null) {
            boundMd(cmd.replyMd()).inUse--;
        }
    }

    /** Starts a validated command whose MDs are held. */
    private Outgoing start(DataCommand cmd) {
        long opId = nextOpId++;
        OperationHeader header = new OperationHeader(opId, cmd.kind(), self, cmd.target(), cmd.ptIndex(),
                cmd.matchBits(), cmd.remoteOffset(), cmd.length(), cmd.hdrData(), cmd.ackRequest(), cmd.atomicOp(),
                cmd.atomicType(), cmd.operand());
        pending.put(opId, new PendingOperation(opId, cmd));
        if (cmd.sendMd() == null) {
            return new Outgoing(header, 0, 0);
        }
        return new Outgoing(header, boundMd(cmd.sendMd()).spec.start() + cmd.sendOffset(), cmd.length());
    }

    private Counter triggerCounter(CtHandle trigger, long threshold) {
        Counter c = counter(trigger);
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
        if (triggeredPending >= limits.maxTriggeredOps()) {
            throw new IllegalStateException("too many triggered operations (max_triggered_ops "
                    + limits.maxTriggeredOps() + ")");
        }
        return c;
    }

    private List<Effect> enqueue(Counter c, long threshold, TriggeredOp op) {
        TriggerKey key = new TriggerKey(threshold, nextTriggerSequence++);
        c.waiting.put(key, op);
        triggeredPending++;
        if (op instanceof TriggeredOp.Append append) {
            append.entry().triggerCounter = c;
            append.entry().triggerKey = key;
        }
        if (!c.queued) {
            c.queued = true;
            toCheck.add(c);
        }
        List<Effect> out = new ArrayList<>();
        runTriggered(out);
        return List.copyOf(out);
    }

    /** Fires every due triggered operation, counters in the order they changed. */
    private void runTriggered(List<Effect> out) {
        Counter c;
        while ((c = toCheck.poll()) != null) {
            c.queued = false;
            if (cts.get(c.handle.value()) != c) {
                continue;
            }
            Map.Entry<TriggerKey, TriggeredOp> due;
            while ((due = c.waiting.firstEntry()) != null && due.getKey().threshold() <= c.value.success()) {
                c.waiting.pollFirstEntry();
                triggeredPending--;
                fire(due.getValue(), out);
            }
        }
    }

    private void fire(TriggeredOp op, List<Effect> out) {
        switch (op) {
            case TriggeredOp.Data data -> out.add(new Effect.Send(start(data.command())));
            case TriggeredOp.CtIncrement inc -> {
                Counter target = counter(inc.ct());
                setCounter(target, target.value.plus(inc.increment()), out);
            }
            case TriggeredOp.CtAssign set -> setCounter(counter(set.ct()), set.value(), out);
            case TriggeredOp.Append append -> {
                LinkedEntry e = append.entry();
                e.triggerCounter = null;
                e.triggerKey = null;
                link(table[e.spec.ptIndex()], e, out);
            }
        }
    }

    /** A triggered operation is cancelled: give back what it held. */
    private void release(TriggeredOp op) {
        switch (op) {
            case TriggeredOp.Data data -> unholdMds(data.command());
            case TriggeredOp.Append append -> {
                LinkedEntry e = append.entry();
                e.state = MatchEntryStatus.State.UNLINKED;
                e.triggerCounter = null;
                e.triggerKey = null;
                mes.remove(e.handle.value());
            }
            default -> {
            }
        }
    }

    private void requirePtIndex(int index) {
        if (index < 0 || index > limits.maxPtIndex()) {
            throw new IllegalArgumentException("portal index " + index + " out of range [0, " + limits.maxPtIndex()
                    + "]");
        }
    }

    private EventQueue eventQueue(EqHandle eq) {
        Objects.requireNonNull(eq, "eq");
        EventQueue q = eq.isNone() ? null : eqs.get(eq.value());
        if (q == null) {
            throw new IllegalArgumentException("unknown or freed event queue " + eq);
        }
        return q;
    }

    private Counter counter(CtHandle ct) {
        Objects.requireNonNull(ct, "ct");
        Counter c = ct.isNone() ? null : cts.get(ct.value());
        if (c == null) {
            throw new IllegalArgumentException("unknown or freed counter " + ct);
        }
        return c;
    }

    private BoundMd boundMd(MdHandle md) {
        Objects.requireNonNull(md, "md");
        BoundMd b = mds.get(md.value());
        if (b == null) {
            throw new IllegalArgumentException("unknown or released memory descriptor " + md);
        }
        return b;
    }

    private PendingOperation pendingOperation(long opId) {
        PendingOperation op = pending.get(opId);
        if (op == null) {
            throw new IllegalArgumentException("no pending operation " + opId);
        }
        return op;
    }
}
