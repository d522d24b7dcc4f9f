package org.bxiemu.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The child JVMs of a run on one machine. Each child holds a pipe to this JVM as its standard
 * input and exits when it reads end-of-file, so children never outlive their parent, even when
 * the parent is killed with SIGKILL. A child that exits early is reported through {@code onLost}.
 */
final class ChildJvms implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private volatile boolean closing;

    void start(int jvm, List<String> command, Consumer<String> onLost) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // children log at the leader's level (logback.xml reads BXIEMU_LOG_LEVEL)
        String level = System.getProperty("BXIEMU_LOG_LEVEL");
        if (level != null) pb.environment().put("BXIEMU_LOG_LEVEL", level);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RunFailedException("could not start JVM " + jvm + ": " + e.getMessage());
        }
        processes.add(p);
        p.onExit().thenAccept(gone -> {
            if (!closing) onLost.accept("process " + gone.pid() + " exited with code " + gone.exitValue());
        });
    }

    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    @Override
    public void close() {
        closing = true;
        for (Process p : processes) {
            try (OutputStream lifeline = p.getOutputStream()) {
                lifeline.flush();
            } catch (IOException ignored) {
                // the child is already gone
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process p : processes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
