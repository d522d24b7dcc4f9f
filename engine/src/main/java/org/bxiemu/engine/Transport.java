package org.bxiemu.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * Where a JVM of a run listens (Artery binds this address only, nothing else) and, for runs
 * across machines, the keys that make its traffic TLS with mutual authentication. Local
 * {@code --jvms} runs listen on loopback with plain TCP: nothing leaves the machine.
 *
 * @param keys null for plain TCP
 */
public record Transport(String host, int port, TlsKeys keys) {
    public static final Transport LOOPBACK = new Transport("127.0.0.1", 0, null);

    public Transport {
        if (port < 0 || port > 65535) throw new BadInputException("port " + port + " is out of range 0..65535");
    }

    /** {@code HOST:PORT} as given on the command line ({@code option} names it in errors). */
    public static Transport parse(String hostPort, String option, TlsKeys keys) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new BadInputException(option + ": '" + hostPort + "' is not HOST:PORT, e.g. 10.0.0.1:25520");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadInputException(option + ": '" + hostPort + "' has no port number after the colon");
        }
        if (port < 0 || port > 65535) throw new BadInputException(option + ": port " + port + " is out of range 0..65535");
        return new Transport(host, port, keys);
    }

    Config pekkoConfig() {
        Config address = ConfigFactory.parseMap(Map.of(
                "pekko.remote.artery.canonical.hostname", host,
                "pekko.remote.artery.canonical.port", port));
        return keys == null ? address : address.withFallback(keys.pekkoConfig());
    }
}
