package org.bxiemu.node.user;

import org.bxiemu.kernel.SignalHandler;

/** A signal handler: for each delivery, the body that runs (ending with a sigreturn call). */
@FunctionalInterface
public interface SignalHandlerProgram extends SignalHandler {
    ThreadProgram onSignal(int signal, long value, UserApi api);
}
