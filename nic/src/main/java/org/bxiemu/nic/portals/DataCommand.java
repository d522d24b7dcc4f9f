package org.bxiemu.nic.portals;

/**
 * A data-movement command issued by the host (or held by a triggered operation until it fires):
 * the arguments of {@code PtlPut}, {@code PtlGet}, {@code PtlAtomic}, {@code PtlFetchAtomic} and
 * {@code PtlSwap}. Validated when issued; turned into an {@link Outgoing} when started.
 */
public sealed interface DataCommand {

    OpKind kind();

    ProcessId target();

    int ptIndex();

    long matchBits();

    long remoteOffset();

    long length();

    long userPtr();

    /** Header data (0 for a get, which carries none). */
    default long hdrData() {
        return 0;
    }

    default AckRequest ackRequest() {
        return AckRequest.NO_ACK;
    }

    default AtomicOp atomicOp() {
        return null;
    }

    default AtomicType atomicType() {
        return null;
    }

    /** Swap operand (compare value or mask); 0 for the others. */
    default long operand() {
        return 0;
    }

    /** MD the payload is read from (and SEND/ACK are reported to), or null for a get. */
    MdHandle sendMd();

    long sendOffset();

    /** MD the reply is written into (and REPLY is reported to), or null for put and atomic. */
    MdHandle replyMd();

    long replyOffset();

    /** {@code PtlPut}. */
    record Put(MdHandle md, long localOffset, long length, AckRequest ackRequest, ProcessId target, int ptIndex,
               long matchBits, long remoteOffset, long userPtr, long hdrData) implements DataCommand {
        public OpKind kind() {
            return OpKind.PUT;
        }

        public MdHandle sendMd() {
            return md;
        }

        public long sendOffset() {
            return localOffset;
        }

        public MdHandle replyMd() {
            return null;
        }

        public long replyOffset() {
            return 0;
        }
    }

    /** {@code PtlGet}. */
    record Get(MdHandle md, long localOffset, long length, ProcessId target, int ptIndex, long matchBits,
               long remoteOffset, long userPtr) implements DataCommand {
        public OpKind kind() {
            return OpKind.GET;
        }

        public MdHandle sendMd() {
            return null;
        }

        public long sendOffset() {
            return 0;
        }

        public MdHandle replyMd() {
            return md;
        }

        public long replyOffset() {
            return localOffset;
        }
    }

    /** {@code PtlAtomic}. */
    record Atomic(MdHandle md, long localOffset, long length, AckRequest ackRequest, ProcessId target, int ptIndex,
                  long matchBits, long remoteOffset, long userPtr, long hdrData, AtomicOp atomicOp,
                  AtomicType atomicType) implements DataCommand {
        public OpKind kind() {
            return OpKind.ATOMIC;
        }

        public MdHandle sendMd() {
            return md;
        }

        public long sendOffset() {
            return localOffset;
        }

        public MdHandle replyMd() {
            return null;
        }

        public long replyOffset() {
            return 0;
        }
    }

    /** {@code PtlFetchAtomic}. */
    record FetchAtomic(MdHandle getMd, long localGetOffset, MdHandle putMd, long localPutOffset, long length,
                       ProcessId target, int ptIndex, long matchBits, long remoteOffset, long userPtr, long hdrData,
                       AtomicOp atomicOp, AtomicType atomicType) implements DataCommand {
        public OpKind kind() {
            return OpKind.FETCH_ATOMIC;
        }

        public MdHandle sendMd() {
            return putMd;
        }

        public long sendOffset() {
            return localPutOffset;
        }

        public MdHandle replyMd() {
            return getMd;
        }

        public long replyOffset() {
            return localGetOffset;
        }
    }

    /** {@code PtlSwap}: {@code operand} is the compare value (CSWAP*) or the mask (MSWAP). */
    record Swap(MdHandle getMd, long localGetOffset, MdHandle putMd, long localPutOffset, long length,
                ProcessId target, int ptIndex, long matchBits, long remoteOffset, long userPtr, long hdrData,
                long operand, AtomicOp atomicOp, AtomicType atomicType) implements DataCommand {
        public OpKind kind() {
            return OpKind.SWAP;
        }

        public MdHandle sendMd() {
            return putMd;
        }

        public long sendOffset() {
            return localPutOffset;
        }

        public MdHandle replyMd() {
            return getMd;
        }

        public long replyOffset() {
            return localGetOffset;
        }
    }
}
