package org.bxiemu.nic.portals;

/** A bound memory descriptor and the operations (in flight or triggered) that still use it. */
final class BoundMd {

    final MdHandle handle;
    final MemoryDescriptor spec;
    int inUse;

    BoundMd(MdHandle handle, MemoryDescriptor spec) {
        this.handle = handle;
        this.spec = spec;
    }
}
