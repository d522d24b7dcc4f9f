package org.bxiemu.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Machine tools the tests that need them (a browser, network namespaces) find, run or install. */
final class SystemTools {
    private SystemTools() {}

    /** The first of {@code names} that is an executable on PATH (or in the sbin folders), or null. */
    static Path find(String... names) {
        List<String> dirs = new ArrayList<>(List.of(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin")); // root's tools, absent from some users' PATH
        for (String name : names) {
            for (String dir : dirs) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    static boolean onPath(String tool) {
        return find(tool) != null;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code cmd} with its output discarded; its exit code, or -1 if it ran over {@code seconds}. */
    static int exec(List<String> cmd, long seconds) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = b.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * Installs Debian package {@code name} with apt-get if there is one; the package lists may be
     * missing on a fresh machine, so a failed install updates them once and tries again.
     */
    static void aptInstall(String name, long seconds) throws IOException, InterruptedException {
        if (!onPath("apt-get")) return;
        if (exec(List.of("apt-get", "install", "-y", "-q", name), seconds) != 0) {
            exec(List.of("apt-get", "update", "-q"), 600);
            exec(List.of("apt-get", "install", "-y", "-q", name), seconds);
        }
    }
}
