package org.bxiemu.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What identifies this bxiemu build across machines: a SHA-256 of the contents of every class
 * and resource of bxiemu's own modules on the class path (class files, wire descriptors,
 * reference.conf), by name and content only — not paths, timestamps or jar metadata, so the same
 * sources compiled alike on two machines agree. JVMs of one run must agree on it: another build
 * may speak another wire format or model the machine differently, and its results would differ.
 */
public final class BuildFingerprint {
    private static volatile String current;

    private BuildFingerprint() {}

    /** This JVM's fingerprint (computed once, from {@code java.class.path}). */
    public static String current() {
        String f = current;
        if (f == null) {
            String path = System.getProperty("java.class.path", "");
            f = of(Stream.of(path.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList());
            current = f;
        }
        return f;
    }

    /** The first characters of a fingerprint, enough to tell builds apart in a message. */
    public static String shortForm(String fingerprint) {
        return fingerprint.length() <= 12 ? fingerprint : fingerprint.substring(0, 12);
    }

    static String of(List<Path> classpath) {
        TreeSet<String> lines = new TreeSet<>();
        for (Path entry : classpath) {
            try {
                if (Files.isDirectory(entry)) addDirectory(entry, lines);
                else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) addJar(entry, lines);
            } catch (IOException e) {
                lines.add(entry.getFileName() + ": unreadable");
            }
        }
        MessageDigest sha = sha256();
        for (String line : lines) sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A directory of classes counts when it holds bxiemu's (a module's target/classes). */
    private static void addDirectory(Path root, TreeSet<String> lines) throws IOException {
        if (!Files.isDirectory(root.resolve("org/bxiemu"))) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                lines.add(name + " " + hex(Files.readAllBytes(f)));
            }
        }
    }

    private static void addJar(Path jar, TreeSet<String> lines) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry("org/bxiemu/") == null && file.stream().noneMatch(e -> e.getName().startsWith("org/bxiemu/"))) {
                return;
            }
            for (JarEntry e : file.stream().toList()) {
                if (e.isDirectory() || e.getName().startsWith("META-INF/")) continue;
                try (InputStream in = file.getInputStream(e)) {
                    lines.add(e.getName() + " " + hex(in.readAllBytes()));
                }
            }
        }
    }

    private static String hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
