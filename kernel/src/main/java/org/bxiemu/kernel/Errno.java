package org.bxiemu.kernel;

/** Linux error numbers the model returns, negated in {@link SyscallResult#value()} as the kernel does. */
public final class Errno {
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ETIMEDOUT = 110;

    private Errno() {}
}
