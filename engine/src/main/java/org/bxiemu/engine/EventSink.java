package org.bxiemu.engine;

/** Where a component's emitted events go: the partition's queue (fused) or the actor's output buffer. */
interface EventSink {
    void emit(long time, long order, int target, int port, Object payload);
}
