package org.bxiemu.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bxiemu.engine.TlsKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./bxiemu keys DIR}: makes the keys of a run across machines (copy DIR to every machine). */
@Command(name = "keys", description = "Makes keys for runs across machines in DIR (run --keys DIR, join --keys DIR).")
final class KeysCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A new directory; copy it to every machine of the run, privately.")
    Path directory;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TlsKeys keys = TlsKeys.create(directory);
        Streams.out(spec).println("keys in " + keys.directory() + ": node.p12 (key and certificate), trust.p12, password;"
                + " copy the directory to every machine (readable by you only) and pass --keys " + directory);
        return Main.OK;
    }
}
