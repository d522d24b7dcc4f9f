package org.bxiemu.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.RunFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./bxiemu}: the one entry point (DESIGN.md §10). Exit codes: 0 success, 1 the emulated
 * job failed, 2 bad input (one line, no stack trace), 3 the emulator itself failed.
 */
@Command(name = "bxiemu", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Emulates BXI/Portals 4 HPC clusters with x86 user interrupts, in virtual time.",
        subcommands = {RunCommand.class, BenchCommand.class, ResumeCommand.class, CompareCommand.class, DescribeCommand.class, TestCommand.class,
                JoinCommand.class, KeysCommand.class, ChildCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int EMULATOR_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Launch.liveProgress = org.bxiemu.launcher.output.ProgressPrinter.stderrIsTerminal();
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; used by main and, in-process, by the tests. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        CommandLine bench = cli.getSubcommands().get("bench");
        for (String name : org.bxiemu.mpi.osu.OsuBenchmarks.NAMES) bench.addSubcommand(name, new BenchOsuCommand(name));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("bxiemu: " + e.getMessage() + " (see: ./bxiemu "
                    + commandPath(e.getCommandLine()) + "--help)");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof BadInputException) {
                err.println("bxiemu: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof com.typesafe.config.ConfigException) {
                // a configuration value read where no check named it: still bad input, on one line
                err.println("bxiemu: " + e.getMessage().replace('\n', ' '));
                return BAD_INPUT;
            }
            if (e instanceof org.bxiemu.engine.JobFailedException) {
                err.println("bxiemu: job failed: " + e.getMessage());
                return JOB_FAILED;
            }
            if (e instanceof RunFailedException) {
                err.println("bxiemu: run failed: " + e.getMessage());
                return EMULATOR_FAILED;
            }
            err.println("bxiemu: internal error: " + e);
            e.printStackTrace(err);
            return EMULATOR_FAILED;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine c) {
        StringBuilder path = new StringBuilder();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            path.insert(0, p.getCommandName() + " ");
        }
        return path.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
