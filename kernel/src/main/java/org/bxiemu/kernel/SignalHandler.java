package org.bxiemu.kernel;

/** A user signal handler registered with sigaction; the core runs it in a signal frame. */
public interface SignalHandler {}
