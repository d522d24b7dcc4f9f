package org.bxiemu.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The keys of a run across machines, made by {@code ./bxiemu keys DIR}: one key pair with a
 * self-signed certificate shared by every JVM of the run ({@code node.p12}), the same certificate
 * as the only trusted one ({@code trust.p12}), both PKCS12 (what Pekko's ConfigSSLEngineProvider
 * loads, the JDK's default key store type), and their password. Artery TLS with mutual
 * authentication then admits exactly the JVMs that hold a copy of DIR: the directory is the
 * run's secret (made readable by its owner only).
 */
public record TlsKeys(Path directory) {
    static final String KEY_STORE = "node.p12";
    static final String TRUST_STORE = "trust.p12";
    static final String PASSWORD = "password";
    private static final String ALIAS = "bxiemu";

    /** The keys in {@code directory}, checked to be complete. */
    public static TlsKeys in(Path directory) {
        for (String f : List.of(KEY_STORE, TRUST_STORE, PASSWORD)) {
            if (!Files.isRegularFile(directory.resolve(f))) {
                throw new BadInputException("--keys " + directory + ": no " + f + " there (make keys with ./bxiemu keys "
                        + directory + ")");
            }
        }
        return new TlsKeys(directory.toAbsolutePath().normalize());
    }

    /** Makes new keys in {@code directory} (created; must not hold keys already) with the JDK's keytool. */
    public static TlsKeys create(Path directory) {
        try {
            if (Files.exists(directory.resolve(KEY_STORE))) {
                throw new BadInputException("keys: " + directory + " already holds keys (" + KEY_STORE
                        + "); choose another directory");
            }
            Files.createDirectories(directory);
            ownerOnly(directory, "rwx------");
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret); // key material, not emulation: no seed
            String password = HexFormat.of().formatHex(secret);
            Path passwordFile = directory.resolve(PASSWORD);
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            ownerOnly(passwordFile, "rw-------");
            String id = HexFormat.of().formatHex(secret, 0, 4);
            Path keyStore = directory.resolve(KEY_STORE);
            Path cert = directory.resolve("node.crt");
            keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=bxiemu run " + id, "-validity", "3650",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password));
            keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                    "-storepass", password, "-file", cert.toString()));
            keytool(List.of("-importcert", "-noprompt", "-alias", ALIAS, "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", directory.resolve(TRUST_STORE).toString(), "-storepass", password));
            ownerOnly(keyStore, "rw-------");
            return new TlsKeys(directory.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new BadInputException("keys: cannot write " + directory + ": " + e.getMessage());
        }
    }

    /** Pekko settings: Artery over TLS with mutual authentication, from these keys. */
    Config pekkoConfig() {
        String password;
        try {
            password = Files.readString(directory.resolve(PASSWORD), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BadInputException("--keys " + directory + ": cannot read " + PASSWORD + ": " + e.getMessage());
        }
        String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
        return ConfigFactory.parseMap(Map.of(
                "pekko.remote.artery.transport", "tls-tcp",
                "pekko.remote.artery.ssl.ssl-engine-provider", RunSslEngineProvider.class.getName(),
                engine + "key-store", directory.resolve(KEY_STORE).toString(),
                engine + "trust-store", directory.resolve(TRUST_STORE).toString(),
                engine + "key-store-password", password,
                engine + "key-password", password,
                engine + "trust-store-password", password,
                engine + "require-mutual-authentication", Boolean.TRUE));
    }

    private static void keytool(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new RunFailedException("keytool " + args.get(0) + " failed: " + output.replace('\n', ' '));
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot run the JDK's keytool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while making keys");
        }
    }

    private static void ownerOnly(Path p, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to do
        }
    }
}
