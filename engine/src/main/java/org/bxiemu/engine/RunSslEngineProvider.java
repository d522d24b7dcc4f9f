package org.bxiemu.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pekko's ConfigSSLEngineProvider (key and trust stores from {@link TlsKeys}, mutual
 * authentication) whose engines report a failed handshake: the side that accepts connections
 * logs one line per kind of refusal (Artery retries, so the same refusal repeats), and a
 * joining JVM learns at once that the leader refused its keys instead of waiting in vain.
 */
public final class RunSslEngineProvider extends ConfigSSLEngineProvider {
    private static final Logger LOG = LoggerFactory.getLogger("org.bxiemu.tls");

    /** Set by a joining JVM: told when its connection to the leader fails its handshake. */
    static volatile Consumer<String> clientRefusals = reason -> {};

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public RunSslEngineProvider(ActorSystem system) {
        super(system);
    }

    @Override
    public SSLEngine createServerSSLEngine(String hostname, int port) {
        return new ReportingSslEngine(super.createServerSSLEngine(hostname, port), this::serverRefused);
    }

    @Override
    public SSLEngine createClientSSLEngine(String hostname, int port) {
        return new ReportingSslEngine(super.createClientSSLEngine(hostname, port),
                e -> clientRefused(hostname + ":" + port, e));
    }

    private void serverRefused(SSLException e) {
        String reason = reason(e);
        if (logged.add(reason)) {
            LOG.warn("refused a JVM that does not hold this run's keys (TLS handshake failed: {})", reason);
        }
    }

    /** The joining JVM says it in its one-line error: no log line of its own. */
    private void clientRefused(String peer, SSLException e) {
        clientRefusals.accept(reason(e));
    }

    /** The innermost message: "Received fatal alert: certificate_unknown", "PKIX path building failed…". */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ');
    }
}
