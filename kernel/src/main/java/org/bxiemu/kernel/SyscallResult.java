package org.bxiemu.kernel;

/**
 * What a syscall returns: {@code value} (negative errno on failure), a {@code second} value for
 * calls that return two (pipe, socketpair), and the bytes read when the data was real.
 */
public record SyscallResult(long value, long second, byte[] data) {
    private static final byte[] NONE = new byte[0];
    /** The result of most steps: shared, as every result is immutable. */
    private static final SyscallResult OK_ZERO = new SyscallResult(0, 0, NONE);

    public static SyscallResult ok(long value) {
        return value == 0 ? OK_ZERO : new SyscallResult(value, 0, NONE);
    }

    public static SyscallResult pair(long first, long second) {
        return new SyscallResult(first, second, NONE);
    }

    public static SyscallResult read(long length, byte[] data) {
        return new SyscallResult(length, 0, data);
    }

    public static SyscallResult error(int errno) {
        return new SyscallResult(-errno, 0, NONE);
    }

    public boolean failed() {
        return value < 0;
    }
}
