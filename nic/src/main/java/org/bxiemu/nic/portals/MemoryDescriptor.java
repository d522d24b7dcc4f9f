package org.bxiemu.nic.portals;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An initiator-side memory region ({@code ptl_md_t}): where put data is read from and
 * reply data is written to, and where the initiator's events and counts go.
 *
 * @param start host address of the region
 * @param length length in bytes
 * @param eq where SEND/ACK/REPLY events go, or {@link EqHandle#NONE}
 * @param ct counter for the CT_* options, or {@link CtHandle#NONE}
 * @param options event and counting options
 */
public record MemoryDescriptor(long start, long length, EqHandle eq, CtHandle ct, Set<MdOption> options) {

    public MemoryDescriptor {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("MD start and length must be >= 0");
        }
        if (eq == null || ct == null) {
            throw new IllegalArgumentException("use EqHandle.NONE / CtHandle.NONE, not null");
        }
        options = Collections.unmodifiableSet(options == null || options.isEmpty()
                ? EnumSet.noneOf(MdOption.class) : EnumSet.copyOf(options));
    }

    /** A descriptor with no event queue, no counter and no options. */
    public static MemoryDescriptor of(long start, long length) {
        return new MemoryDescriptor(start, length, EqHandle.NONE, CtHandle.NONE, Set.of());
    }

    public MemoryDescriptor withEq(EqHandle newEq) {
        return new MemoryDescriptor(start, length, newEq, ct, options);
    }

    public MemoryDescriptor withCt(CtHandle newCt) {
        return new MemoryDescriptor(start, length, eq, newCt, options);
    }

    public MemoryDescriptor withOptions(MdOption... newOptions) {
        return new MemoryDescriptor(start, length, eq, ct, Set.of(newOptions));
    }

    public boolean has(MdOption option) {
        return options.contains(option);
    }
}
