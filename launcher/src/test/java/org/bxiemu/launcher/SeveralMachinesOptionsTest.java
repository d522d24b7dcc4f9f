package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The options of runs across machines: each wrong use is one line and exit 2; keys are made once per directory. */
class SeveralMachinesOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench phold --lps 8 --listen 127.0.0.1:25520                 | --listen and --expect go together",
        "bench phold --lps 8 --expect 2                               | --listen and --expect go together",
        "bench phold --lps 8 --listen 127.0.0.1:25520 --expect 0      | --expect: 0 is out of range 1..63",
        "bench phold --lps 8 --listen 127.0.0.1:25520 --expect 64     | --expect: 64 is out of range 1..63",
        "bench phold --lps 8 --listen 127.0.0.1:25520 --expect 1 --jvms 2 | --jvms and --expect: choose one",
        "bench phold --lps 8 --listen localhost --expect 1            | --listen: 'localhost' is not HOST:PORT",
        "bench phold --lps 8 --listen 127.0.0.1:x --expect 1          | --listen: '127.0.0.1:x' has no port number",
        "bench phold --lps 8 --listen 127.0.0.1:70000 --expect 1      | --listen: port 70000 is out of range 0..65535",
        "bench phold --lps 8 --keys /nonexistent-keys                 | --keys: only with --listen",
        "bench phold --lps 8 --listen 127.0.0.1:0 --expect 1 --keys /nonexistent-keys | --keys /nonexistent-keys: no node.p12 there",
        "join 127.0.0.1                                               | join: '127.0.0.1' is not HOST:PORT",
        "join 127.0.0.1:0                                             | join: the leader's port cannot be 0",
        "join 127.0.0.1:25520 --keys /nonexistent-keys                | --keys /nonexistent-keys: no node.p12 there",
        "join 127.0.0.1:25520 --timeout 0                             | --timeout: must be at least 1 s",
    })
    void wrongUseIsOneLineAndExit2(String args, String message) {
        Cli.Outcome o = Cli.run(args.trim().split(" +"));
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("bxiemu: " + message), o.err());
    }

    @Test
    void keysAreMadeOnceAndKeptPrivate(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Cli.Outcome made = Cli.run("keys", keys.toString());
        assertEquals(Main.OK, made.code(), made.err());
        for (String f : new String[] {"node.p12", "trust.p12", "password"}) assertTrue(Files.isRegularFile(keys.resolve(f)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("node.p12"))));
        Cli.Outcome again = Cli.run("keys", keys.toString());
        assertEquals(Main.BAD_INPUT, again.code());
        assertEquals("bxiemu: keys: " + keys + " already holds keys (node.p12); choose another directory",
                again.err().strip());
    }
}
