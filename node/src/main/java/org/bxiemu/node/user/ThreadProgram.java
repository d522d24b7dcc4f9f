package org.bxiemu.node.user;

/**
 * The user code of a thread, or the body of one handler invocation: asked for its next step
 * each time the previous one completed. {@code api} tells the virtual time and the result of the
 * previous step (a syscall's return, TESTUI's flag). A handler body ends with
 * {@link Step.Uiret} (user interrupt) or a sigreturn call (signal).
 */
@FunctionalInterface
public interface ThreadProgram {
    Step next(UserApi api);
}
