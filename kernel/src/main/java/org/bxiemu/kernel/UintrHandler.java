package org.bxiemu.kernel;

/** A user-interrupt handler (the UIHANDLER of a thread), registered with uintr_register_handler. */
public interface UintrHandler {}
