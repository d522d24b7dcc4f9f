package org.bxiemu.node.user;

import org.bxiemu.kernel.UintrHandler;

/** A user-interrupt handler: for each delivery, the body that runs (ending with UIRET). */
@FunctionalInterface
public interface UserInterruptHandler extends UintrHandler {
    ThreadProgram onInterrupt(int vector, UserApi api);
}
