package org.bxiemu.nic.portals;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to append: a match list entry ({@code ptl_me_t} plus the list and the user pointer that
 * {@code PtlMEAppend} takes as arguments).
 *
 * <p>An incoming operation matches when {@code ((incoming ^ matchBits) & ~ignoreBits) == 0},
 * {@link #source()} matches its initiator, and (with {@link MeOption#NO_TRUNCATE}) it fits.
 *
 * @param ptIndex portal table entry to append to
 * @param list priority or overflow list
 * @param matchBits bits to match
 * @param ignoreBits bits that do not take part in matching
 * @param source accepted initiator; fields may be wildcards ({@link ProcessId#ANY})
 * @param start host address of the buffer
 * @param length buffer length in bytes (0 is legal: an entry that only records events)
 * @param options behaviour and event options
 * @param minFree with MANAGE_LOCAL: unlink once {@code length - localOffset < minFree}; 0 disables
 * @param counter counter for the EVENT_CT_* options, or {@link CtHandle#NONE}
 * @param userPtr echoed in every full event of this entry
 */
public record MatchEntry(int ptIndex, ListKind list, long matchBits, long ignoreBits, ProcessId source,
                         long start, long length, Set<MeOption> options, long minFree, CtHandle counter,
                         long userPtr) {

    public MatchEntry {
        if (ptIndex < 0) {
            throw new IllegalArgumentException("pt index must be >= 0, got " + ptIndex);
        }
        if (list == null || source == null || counter == null) {
            throw new IllegalArgumentException("list, source and counter must not be null (use CtHandle.NONE)");
        }
        if (start < 0 || length < 0 || minFree < 0) {
            throw new IllegalArgumentException("start, length and minFree must be >= 0");
        }
        options = Collections.unmodifiableSet(options == null || options.isEmpty()
                ? EnumSet.noneOf(MeOption.class) : EnumSet.copyOf(options));
    }

    public boolean has(MeOption option) {
        return options.contains(option);
    }

    /** Starts a priority-list entry on {@code ptIndex} matching exactly 0 from any source. */
    public static Builder builder(int ptIndex) {
        return new Builder(ptIndex);
    }

    /** Copy of this entry on another list (for tests and for re-posting). */
    public MatchEntry onList(ListKind newList) {
        return new MatchEntry(ptIndex, newList, matchBits, ignoreBits, source, start, length, options, minFree,
                counter, userPtr);
    }

    /** Fluent construction; fields default to: priority list, bits 0/0, any source, empty buffer. */
    public static final class Builder {
        private final int ptIndex;
        private ListKind list = ListKind.PRIORITY;
        private long matchBits;
        private long ignoreBits;
        private ProcessId source = ProcessId.ANY;
        private long start;
        private long length;
        private final EnumSet<MeOption> options = EnumSet.noneOf(MeOption.class);
        private long minFree;
        private CtHandle counter = CtHandle.NONE;
        private long userPtr;

        private Builder(int ptIndex) {
            this.ptIndex = ptIndex;
        }

        public Builder list(ListKind value) {
            this.list = value;
            return this;
        }

        public Builder match(long bits, long ignore) {
            this.matchBits = bits;
            this.ignoreBits = ignore;
            return this;
        }

        public Builder source(ProcessId value) {
            this.source = value;
            return this;
        }

        public Builder buffer(long startAddress, long bufferLength) {
            this.start = startAddress;
            this.length = bufferLength;
            return this;
        }

        public Builder options(MeOption... values) {
            Collections.addAll(options, values);
            return this;
        }

        public Builder minFree(long value) {
            this.minFree = value;
            return this;
        }

        public Builder counter(CtHandle value) {
            this.counter = value;
            return this;
        }

        public Builder userPtr(long value) {
            this.userPtr = value;
            return this;
        }

        public MatchEntry build() {
            return new MatchEntry(ptIndex, list, matchBits, ignoreBits, source, start, length, options, minFree,
                    counter, userPtr);
        }
    }
}
