package org.bxiemu.launcher;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.Emulation;
import org.bxiemu.engine.RunFailedException;
import org.bxiemu.engine.TlsKeys;
import org.bxiemu.engine.Transport;
import org.bxiemu.launcher.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bxiemu join HOST:PORT}: this machine takes part in a run led elsewhere ({@code run …
 * --listen HOST:PORT --expect N}). The leader hands it what a local child JVM gets on its
 * command line (its JVM index and the configuration), so it builds the same platform and hosts
 * its share of the partitions; it exits when the run is over.
 */
@Command(name = "join", description = "Takes part in a run led on another machine (run … --listen HOST:PORT --expect N).")
final class JoinCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HOST:PORT", description = "The leader's --listen address.")
    String leader;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where this JVM listens (only there) for the run's other JVMs (default: the local address"
                    + " that reaches the leader, any free port; loopback when the leader is on loopback).")
    String listen;

    @Option(names = "--keys", paramLabel = "DIR", description = "The run's keys (the leader's --keys DIR, copied here).")
    Path keys;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up if the leader has not answered within SECONDS (default: 120).")
    int timeoutSeconds = 120;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) throw new BadInputException("--timeout: must be at least 1 s, was " + timeoutSeconds);
        TlsKeys tls = keys == null ? null : TlsKeys.in(keys);
        Transport leaderAddress = Transport.parse(leader, "join", null);
        if (leaderAddress.port() == 0) throw new BadInputException("join: the leader's port cannot be 0");
        Transport self = listen != null ? Transport.parse(listen, "--listen", tls)
                : new Transport(localAddressTowards(leaderAddress), 0, tls);
        String failure = Emulation.join(self, leaderAddress, timeoutSeconds,
                a -> Experiment.prepare(ConfigLoader.fromJson(a.getConfigJson()), a.getJvms()).setup());
        if (!failure.isEmpty()) throw new RunFailedException("the run failed on the leader: " + failure);
        Streams.err(spec).println("bxiemu: the run at " + leader + " is over");
        return Main.OK;
    }

    /** The address this machine uses to reach the leader (no packet is sent: a UDP connect only picks the route). */
    private static String localAddressTowards(Transport leader) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(leader.host()), leader.port());
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("join: cannot reach " + leader.host() + " (" + e.getMessage() + "); give --listen");
        }
    }
}
