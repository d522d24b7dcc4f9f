package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run across three hosts made of network namespaces (a leader's, with a bridge, and two
 * joiners' on veth pairs to it; addresses of a private test subnet that exists only inside
 * them): with the run's keys the joiners' JVMs take part and the digest equals a one-JVM run's;
 * a JVM with other keys is refused (exit 2) and one without keys gets no answer (exit 3), the
 * leader logging the refusal on one line; the leader listens on its address only. Needs root
 * and {@code ip} (iproute2, installed with apt-get when absent); skipped otherwise.
 */
class SeveralMachinesTest {
    private static final String[] BENCH = {"bench", "phold", "--lps", "256", "--population", "4", "--end", "20us"};
    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final String LEADER = "bxl" + TAG;
    private static final String[] JOINERS = {"bxa" + TAG, "bxb" + TAG};
    private static final String LEADER_IP = "10.250.77.1";
    private static final String[] JOINER_IPS = {"10.250.77.2", "10.250.77.3"};
    private static final List<String> made = new ArrayList<>();
    private static final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void makeHosts() throws Exception {
        assumeTrue(SystemTools.isRoot(), "skipped: network namespaces need root");
        if (!SystemTools.onPath("ip")) SystemTools.aptInstall("iproute2", 600);
        assumeTrue(SystemTools.onPath("ip"), "skipped: no ip command (iproute2) and it could not be installed");
        boolean ok = ip("netns", "add", LEADER);
        if (ok) made.add(LEADER);
        assumeTrue(ok, "skipped: network namespaces cannot be created here (ip netns add failed)");
        ok &= ip("-n", LEADER, "link", "set", "lo", "up");
        ok &= ip("-n", LEADER, "link", "add", "br0", "type", "bridge");
        ok &= ip("-n", LEADER, "addr", "add", LEADER_IP + "/24", "dev", "br0");
        ok &= ip("-n", LEADER, "link", "set", "br0", "up");
        for (int j = 0; j < JOINERS.length; j++) {
            String ns = JOINERS[j];
            ok &= ip("netns", "add", ns);
            made.add(ns);
            String inside = "v" + ns;
            String bridged = "p" + ns;
            ok &= ip("link", "add", inside, "type", "veth", "peer", "name", bridged);
            ok &= ip("link", "set", inside, "netns", ns);
            ok &= ip("link", "set", bridged, "netns", LEADER);
            ok &= ip("-n", LEADER, "link", "set", bridged, "master", "br0");
            ok &= ip("-n", LEADER, "link", "set", bridged, "up");
            ok &= ip("-n", ns, "addr", "add", JOINER_IPS[j] + "/24", "dev", inside);
            ok &= ip("-n", ns, "link", "set", inside, "up");
            ok &= ip("-n", ns, "link", "set", "lo", "up");
        }
        assumeTrue(ok, "skipped: the namespaces' veth pairs and bridge could not be set up");
    }

    @AfterAll
    static void removeHosts() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String ns : made) ip("netns", "del", ns); // takes its veth ends and the bridge with it
    }

    @Test
    void aRunOverThreeHostsWithKeysMatchesOneJvmAndStrangersAreRefused(@TempDir Path dir) throws Exception {
        String oneJvm = digest(Cli.run(withArgs("--jvms", "1", "--json", "--out", dir.resolve("one").toString())).out());
        Path keys = dir.resolve("keys");
        Path otherKeys = dir.resolve("other-keys");
        assertEquals(Main.OK, Cli.run("keys", keys.toString()).code());
        assertEquals(Main.OK, Cli.run("keys", otherKeys.toString()).code());

        String listen = LEADER_IP + ":25520";
        Process leader = start(LEADER, dir.resolve("leader"), withArgs("--listen", listen, "--expect", "2", "--keys",
                keys.toString(), "--json", "--out", dir.resolve("runs").toString()));
        waitFor(dir.resolve("leader.err"), "waiting for 2 JVMs to join", 60);

        // the leader listens at its address only (Java shows it IPv4-mapped)
        Process ss = new ProcessBuilder("ip", "netns", "exec", LEADER, "ss", "-Htln").redirectErrorStream(true).start();
        String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        List<String> listening = sockets.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, listening.size(), sockets);
        assertTrue(listening.get(0).contains(LEADER_IP + "]:25520") || listening.get(0).contains(" " + listen + " "),
                sockets);

        // other keys: refused at the TLS handshake, a one-line error, exit 2 (the keys given are wrong)
        Process stranger = start(JOINERS[1], dir.resolve("stranger"), List.of("join", listen, "--keys",
                otherKeys.toString(), "--timeout", "30"));
        assertTrue(stranger.waitFor(40, TimeUnit.SECONDS), "a JVM with other keys ends");
        String strangerErr = Files.readString(dir.resolve("stranger.err"));
        assertEquals(Main.BAD_INPUT, stranger.exitValue(), strangerErr);
        assertEquals(1, strangerErr.lines().count(), strangerErr);
        assertTrue(strangerErr.startsWith("bxiemu: the leader at " + listen + " refused this JVM's keys"), strangerErr);

        // no keys: plain TCP against TLS gets no answer; exit 3 once its --timeout is over
        Process keyless = start(JOINERS[1], dir.resolve("keyless"), List.of("join", listen, "--timeout", "6"));
        assertTrue(keyless.waitFor(30, TimeUnit.SECONDS), "a JVM without keys ends");
        String keylessErr = Files.readString(dir.resolve("keyless.err"));
        assertEquals(Main.EMULATOR_FAILED, keyless.exitValue(), keylessErr);
        assertEquals(1, keylessErr.lines().count(), keylessErr);
        assertTrue(keylessErr.contains("no answer from the leader at " + listen), keylessErr);

        // the run's keys: one joiner finds its address towards the leader, the other is told where to listen
        Process first = start(JOINERS[0], dir.resolve("joiner-a"), List.of("join", listen, "--keys", keys.toString()));
        Process second = start(JOINERS[1], dir.resolve("joiner-b"), List.of("join", listen, "--keys", keys.toString(),
                "--listen", JOINER_IPS[1] + ":25521"));
        assertTrue(leader.waitFor(90, TimeUnit.SECONDS), "the leader finishes");
        String leaderErr = Files.readString(dir.resolve("leader.err"));
        assertEquals(Main.OK, leader.exitValue(), leaderErr);
        assertEquals(oneJvm, digest(Files.readString(dir.resolve("leader.out"))), "same digest as on one JVM");
        for (Process p : List.of(first, second)) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the joiners end with the run");
            assertEquals(Main.OK, p.exitValue());
        }
        List<String> refusals = leaderErr.lines().filter(l -> l.contains("refused a JVM")).toList();
        assertTrue(!refusals.isEmpty(), "the leader logs the refusal: " + leaderErr);
        for (String r : refusals) {
            // one line each (the test logback pattern differs from the CLI's "bxiemu: WARN tls: ...")
            assertTrue(r.contains("refused a JVM that does not hold this run's keys (TLS handshake failed: "), r);
        }
    }

    private static String[] withArgs(String... more) {
        List<String> all = new ArrayList<>(List.of(BENCH));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String digest(String out) throws IOException {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]).get("digest").asText();
    }

    /** {@code bxiemu ARGS} in namespace {@code ns}, stdout and stderr to {@code base}.out/.err. */
    private static Process start(String ns, Path base, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) cmd.add(a);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(base.resolveSibling(base.getFileName() + ".out").toFile())
                .redirectError(base.resolveSibling(base.getFileName() + ".err").toFile()).start();
        processes.add(p);
        return p;
    }

    private static Process start(String ns, Path base, String[] args) throws IOException {
        return start(ns, base, List.of(args));
    }

    private static void waitFor(Path file, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s: "
                + (Files.exists(file) ? Files.readString(file) : "(nothing)"));
    }

    private static boolean ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return SystemTools.exec(cmd, 30) == 0;
    }
}
