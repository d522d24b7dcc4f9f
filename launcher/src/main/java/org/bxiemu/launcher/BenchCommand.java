package org.bxiemu.launcher;

import org.bxiemu.launcher.output.ResultPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bxiemu bench NAME}: the built-in benchmarks, one sub-command each. */
@Command(name = "bench", description = "Runs a built-in benchmark.", subcommands = {BenchPholdCommand.class, BenchPortalsCommand.class, BenchTrafficCommand.class, BenchIpcCommand.class, BenchUintrCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "which benchmark? (available: phold, portals, traffic, ipc, uintr, osu-latency, osu-bw, osu-barrier, osu-bcast, osu-allreduce, osu-alltoall, osu-ibcast, osu-iallreduce, osu-ialltoall)");
    }
}
