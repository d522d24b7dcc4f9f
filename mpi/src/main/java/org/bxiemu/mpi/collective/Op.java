package org.bxiemu.mpi.collective;

import java.util.Objects;

/** One operation of a {@link Round}. Ranks are communicator ranks, 0..p-1. */
public sealed interface Op {

    /** Sends the bytes of {@code from} to rank {@code peer}. */
    record Send(int peer, Slice from) implements Op {
        public Send {
            checkPeer(peer);
            Objects.requireNonNull(from, "from");
        }
    }

    /** Receives from rank {@code peer} into {@code into}. */
    record Recv(int peer, Slice into) implements Op {
        public Recv {
            checkPeer(peer);
            Objects.requireNonNull(into, "into");
        }
    }

    /** {@code into = into ⊕ from}, element-wise, on the local core. */
    record Reduce(ReduceOp op, Slice from, Slice into) implements Op {
        public Reduce {
            Objects.requireNonNull(op, "op");
            Slice.checkCompatible(from, into);
        }

        /** Executes the reduction (nothing on modelled buffers). */
        public void apply() {
            op.apply(from, into);
        }
    }

    /** Copies {@code from} into {@code into}, on the local core. */
    record Copy(Slice from, Slice into) implements Op {
        public Copy {
            Slice.checkCompatible(from, into);
        }

        /** Executes the copy (nothing on modelled buffers). */
        public void apply() {
            from.copyTo(into);
        }
    }

    private static void checkPeer(int peer) {
        if (peer < 0) {
            throw new IllegalArgumentException("negative peer rank " + peer);
        }
    }
}
