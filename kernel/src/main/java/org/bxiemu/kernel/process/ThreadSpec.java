package org.bxiemu.kernel.process;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a new thread runs: a program name, its arguments (opaque bytes, copied in and out, equal
 * by content) and the core to run on ({@link #ANY_CORE} = any).
 */
public record ThreadSpec(String program, byte[] arguments, int core) {
    public static final int ANY_CORE = -1;

    public ThreadSpec {
        Objects.requireNonNull(program, "program");
        arguments = arguments == null ? new byte[0] : arguments.clone();
        if (core < ANY_CORE) {
            throw new IllegalArgumentException("core " + core + " (use -1 for any core)");
        }
    }

    /** A spec without arguments on any core. */
    public static ThreadSpec of(String program) {
        return new ThreadSpec(program, new byte[0], ANY_CORE);
    }

    @Override
    public byte[] arguments() {
        return arguments.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadSpec s
                && core == s.core
                && program.equals(s.program)
                && Arrays.equals(arguments, s.arguments);
    }

    @Override
    public int hashCode() {
        return (program.hashCode() * 31 + Arrays.hashCode(arguments)) * 31 + core;
    }

    @Override
    public String toString() {
        return "ThreadSpec[" + program + ", " + arguments.length + " bytes, core " + core + "]";
    }
}
