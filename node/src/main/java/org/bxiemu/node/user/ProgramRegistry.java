package org.bxiemu.node.user;

import java.util.Map;
import java.util.TreeMap;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.kernel.UserContext;
import org.bxiemu.kernel.UserContextFactory;
import org.bxiemu.kernel.process.ThreadSpec;

/** The programs threads can run, by name (a thread spec names its program, as execve names a file). */
public final class ProgramRegistry implements UserContextFactory {
    private final Map<String, ProgramFactory> programs = new TreeMap<>();

    public ProgramRegistry register(String name, ProgramFactory factory) {
        if (programs.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("program " + name + " twice");
        return this;
    }

    /** Checks that {@code name} is a program, naming the key {@code what} that asked for it. */
    public void require(String name, String what) {
        if (!programs.containsKey(name)) {
            throw new BadInputException(what + ": no program named '" + name + "' (known: "
                    + String.join(", ", programs.keySet()) + ")");
        }
    }

    @Override
    public UserContext create(int tid, int pid, ThreadSpec spec) {
        ProgramFactory factory = programs.get(spec.program());
        if (factory == null) {
            throw new BadInputException("no program named '" + spec.program() + "' (known: "
                    + String.join(", ", programs.keySet()) + ")");
        }
        return new UserThread(factory.create(tid, pid, spec));
    }
}
