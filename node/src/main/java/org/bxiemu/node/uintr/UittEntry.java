package org.bxiemu.node.uintr;

/** A valid UITT entry: SENDUIPI with its index posts {@code vector} to the UPID at {@code upid}. */
public record UittEntry(int vector, long upid) {}
