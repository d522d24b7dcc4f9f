package org.bxiemu.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Listed for help; {@code ./bxiemu test} is run by the script itself (Maven runs the suite). */
@Command(name = "test", description = "Runs the whole test suite (what CI runs): handled by the ./bxiemu script.")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bxiemu: the test suite runs through the script: ./bxiemu test");
        return Main.BAD_INPUT;
    }
}
