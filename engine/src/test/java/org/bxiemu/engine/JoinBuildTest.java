package org.bxiemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bxiemu.engine.phold.Phold;
import org.bxiemu.engine.phold.PholdParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM of another bxiemu build is refused when it joins a run across machines (one line, bad
 * input), the leader keeps waiting, and a JVM of its own build then completes the run with the
 * digest of one JVM.
 */
class JoinBuildTest {
    private static final PholdParameters PHOLD = PholdRuns.small(64, 4, 0.5, 5_000);
    private static final long SEED = 11;

    private static RunSetup setup(int jvms) {
        EngineSettings settings = EngineSettings.from(ConfigFactory.load()).withPartitionsPerJvm(1);
        return RunSetup.of(Phold.platform(PHOLD), settings, jvms, SEED, PHOLD.end());
    }

    @Test
    void anotherBuildIsRefusedAndTheRunGoesOnWithTheLeadersBuild() throws Exception {
        RunResult alone = PholdRuns.run(PHOLD, SEED, 1, true);
        CompletableFuture<String> address = new CompletableFuture<>();
        CompletableFuture<RunResult> led = CompletableFuture.supplyAsync(() -> Emulation.leadAcrossMachines(setup(2),
                Transport.LOOPBACK, "{}", RunProgress.NONE, address::complete));
        String[] hostPort = address.get(60, TimeUnit.SECONDS).split(":");
        Transport leader = new Transport(hostPort[0], Integer.parseInt(hostPort[1]), null);

        BadInputException refused = assertThrows(BadInputException.class,
                () -> Emulation.join(Transport.LOOPBACK, leader, 30, a -> setup(a.getJvms()), "0123456789abcdef"));
        assertTrue(refused.getMessage().contains("it runs bxiemu build 0123456789ab, the run's is "
                + BuildFingerprint.shortForm(BuildFingerprint.current())), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());

        String failure = Emulation.join(Transport.LOOPBACK, leader, 30, a -> setup(a.getJvms()));
        assertEquals("", failure);
        RunResult r = led.get(120, TimeUnit.SECONDS);
        assertEquals(2, r.jvms());
        assertEquals(alone.digest(), r.digest());
    }

    @Test
    void theFingerprintFollowsContentsNotPathsOrOrder(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path root : List.of(a, b)) {
            Files.createDirectories(root.resolve("org/bxiemu/x"));
            Files.writeString(root.resolve("org/bxiemu/x/One.class"), "one");
            Files.writeString(root.resolve("reference.conf"), "x = 1");
        }
        Path other = dir.resolve("not-ours");
        Files.createDirectories(other.resolve("com/example"));
        Files.writeString(other.resolve("com/example/Z.class"), "z");
        String ab = BuildFingerprint.of(List.of(a, other));
        assertEquals(ab, BuildFingerprint.of(List.of(other, b)), "same contents elsewhere, other order");
        Files.writeString(b.resolve("reference.conf"), "x = 2");
        assertNotEquals(ab, BuildFingerprint.of(List.of(b)), "another default");
        Files.writeString(other.resolve("com/example/Z.class"), "changed");
        assertEquals(ab, BuildFingerprint.of(List.of(a, other)), "what is not bxiemu's does not count");
    }
}
