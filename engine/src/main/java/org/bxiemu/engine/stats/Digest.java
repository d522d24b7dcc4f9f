package org.bxiemu.engine.stats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.bxiemu.protocol.engine.ComponentStatistics;

/**
 * The run digest: SHA-256 over every component's final statistics in id order. Protobuf encodes
 * a message without map fields identically on every JVM, so the bytes are a stable input.
 */
public final class Digest {
    private Digest() {}

    /** The SHA-256 of a text (e.g. several runs' digests joined), in hex. */
    public static String ofText(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String of(List<ComponentStatistics> components) {
        List<ComponentStatistics> sorted = components.stream()
                .sorted(Comparator.comparing(ComponentStatistics::getId)).toList();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        for (ComponentStatistics c : sorted) {
            byte[] bytes = c.toByteArray();
            sha.update(intBytes(bytes.length));
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
