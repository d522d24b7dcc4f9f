package org.bxiemu.mpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import org.bxiemu.engine.JobFailedException;
import org.bxiemu.engine.RunResult;
import org.bxiemu.engine.units.Durations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rank whose peer hangs (here: computes far longer than {@code mpi.wait-timeout}) does not
 * hang the job: its wait gives up at the timeout, whatever the engine waits with (a spin, a word,
 * an eventfd in the kernel, a poller's completions), and the job fails naming the waiting rank
 * and the silent one.
 */
class WaitTimeoutTest {
    private static final String ENGINES = "poll, uintr, signal, eventfd, progress-thread, idle-poll";

    private static Config config(String engine) {
        return ClusterJobs.star(2, 1, "mpi.wait-timeout = \"300us\"\nmpi.progress = " + engine);
    }

    private static RunResult run(Config config, RankProgram program) {
        return ClusterJobs.run(config, program, Durations.S);
    }

    /** The virtual time in "program test-R failed at T: …", in ps. */
    private static long failedAt(String message) {
        String at = message.substring(message.indexOf(" at ") + 4, message.indexOf(':'));
        return Durations.parse(at.replace(" ", ""), "failure time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"poll", "uintr", "signal", "eventfd", "progress-thread", "idle-poll"})
    void aReceiveFromAHungRankFailsTheJobAtTheTimeoutNamingBothRanks(String engine) {
        JobFailedException e = assertThrows(JobFailedException.class, () -> run(config(engine), mpi -> {
            if (mpi.rank() == 0) mpi.recv(8, 1, 5);
            else mpi.compute(20 * Durations.MS); // hung, as far as rank 0 can tell
        }), engine);
        String m = e.getMessage();
        assertTrue(m.startsWith("program test-0 failed at "), m);
        assertTrue(m.contains("a receive from rank 1") && m.contains("no progress from rank(s) 1"), m);
        assertTrue(m.contains("mpi.wait-timeout"), m);
        long at = failedAt(m);
        assertTrue(at >= 300 * Durations.US && at < 400 * Durations.US, engine + ": failed at " + at + " ps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"poll", "uintr"})
    void aCollectiveNamesThePeersItStillWaitsFor(String engine) {
        JobFailedException e = assertThrows(JobFailedException.class, () -> run(config(engine), mpi -> {
            if (mpi.rank() == 1) mpi.compute(20 * Durations.MS);
            mpi.barrier();
        }), engine);
        String m = e.getMessage();
        assertTrue(m.startsWith("program test-0 failed at "), m);
        assertTrue(m.contains("MPI_barrier (round 1 of 1)") && m.contains("no progress from rank(s) 1"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"poll", "eventfd"})
    void aWaitThatCompletesBeforeTheTimeoutIsUntouched(String engine) {
        run(config(engine), mpi -> {
            if (mpi.rank() == 1) {
                mpi.compute(250 * Durations.US);
                mpi.send(Payload.modelled(8), 0, 5);
            } else {
                mpi.recv(8, 1, 5);
            }
        });
    }

    /**
     * Each core keeps one deadline timer, set for the earliest deadline: earlier waits that ended
     * in time must not time out a later one early, nor keep it from timing out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"poll", "uintr"})
    void aTimeoutCountsFromItsOwnWaitAfterManyWaitsThatEndedInTime(String engine) {
        long[] lastWaitStart = {0};
        JobFailedException e = assertThrows(JobFailedException.class, () -> run(config(engine), mpi -> {
            int peer = 1 - mpi.rank();
            for (int i = 0; i < 6; i++) { // waits every 100 us, each well inside the 300 us timeout
                if (mpi.rank() == 0) {
                    mpi.send(Payload.modelled(8), peer, i);
                    mpi.recv(8, peer, i);
                } else {
                    mpi.recv(8, peer, i);
                    mpi.compute(100 * Durations.US);
                    mpi.send(Payload.modelled(8), peer, i);
                }
            }
            if (mpi.rank() == 0) {
                lastWaitStart[0] = mpi.now();
                mpi.recv(8, peer, 99);
            } else {
                mpi.compute(20 * Durations.MS); // hangs from rank 0's point of view
            }
        }), engine);
        long at = failedAt(e.getMessage());
        assertTrue(lastWaitStart[0] > 500 * Durations.US, "the earlier waits took " + lastWaitStart[0] + " ps");
        assertTrue(at >= lastWaitStart[0] + 300 * Durations.US && at < lastWaitStart[0] + 310 * Durations.US,
                engine + ": last wait from " + lastWaitStart[0] + " ps, failed at " + at + " ps");
    }
}
