package org.bxiemu.node;

import static org.bxiemu.node.user.Script.call;
import static org.bxiemu.node.user.Script.later;
import static org.bxiemu.node.user.Script.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bxiemu.engine.units.Durations;
import org.bxiemu.kernel.Errno;
import org.bxiemu.kernel.Syscall;
import org.bxiemu.node.NodeRuns.Rig;
import org.bxiemu.node.NodeRuns.Run;
import org.bxiemu.node.user.Script;
import org.bxiemu.node.user.Step;
import org.junit.jupiter.api.Test;

/** Pipes and UNIX sockets carry real bytes in order, block writers when full and readers when empty. */
class FilesTest {
    private static final int CHUNK = 10 * 1024;
    private static final int CHUNKS = 12; // 120 KiB through a 64 KiB pipe

    private static byte[] chunk(int i) {
        byte[] b = new byte[CHUNK];
        for (int k = 0; k < CHUNK; k++) b[k] = (byte) (i * 31 + k);
        return b;
    }

    @Test
    void aPipeCarriesEveryByteInOrderAndBlocksItsWriterWhenFull() {
        int[] fds = new int[2];
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long[] writerDone = {0};
        long[] readerDone = {0};
        Rig rig = new Rig("node.cores = 2");
        rig.thread(0, call(new Syscall.Pipe()), run(api -> {
            fds[0] = (int) api.result().value();
            fds[1] = (int) api.result().second();
        }), NodeRuns.raise(0x40), Script.repeat(CHUNKS, i -> later(api ->
                new Step.Call(new Syscall.Write(fds[1], CHUNK, chunk(i))))), run(api -> writerDone[0] = api.now()));
        rig.thread(1, NodeRuns.awaitFlag(0x40), NodeRuns.compute(200 * Durations.US),
                Script.whileTrue(() -> received.size() < CHUNK * CHUNKS, api -> {
                    byte[] data = api.result().data();
                    if (data.length > 0 && api.result().value() == data.length) received.writeBytes(data);
                    return received.size() < CHUNK * CHUNKS ? new Step.Call(new Syscall.Read(fds[0], 4096)) : null;
                }), run(api -> readerDone[0] = api.now()));
        rig.run();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < CHUNKS; i++) expected.writeBytes(chunk(i));
        assertArrayEquals(expected.toByteArray(), received.toByteArray());
        assertTrue(writerDone[0] > 200 * Durations.US, "the writer blocked on the full pipe until the reader began: "
                + writerDone[0]);
        assertTrue(readerDone[0] >= writerDone[0]);
    }

    @Test
    void aSocketPairIsTwoWayAndAClosedFdIsBad() {
        int[] ends = new int[2];
        List<String> seen = new ArrayList<>();
        Rig rig = new Rig("node.cores = 2");
        rig.thread(0, call(new Syscall.SocketPair()), run(api -> {
            ends[0] = (int) api.result().value();
            ends[1] = (int) api.result().second();
        }), NodeRuns.raise(0x40),
                later(api -> new Step.Call(new Syscall.Write(ends[0], 4, "ping".getBytes()))),
                later(api -> new Step.Call(new Syscall.Read(ends[0], 16))),
                run(api -> seen.add("a:" + new String(api.result().data()))),
                later(api -> new Step.Call(new Syscall.Close(ends[0]))),
                later(api -> new Step.Call(new Syscall.Read(ends[0], 16))),
                run(api -> seen.add("closed:" + api.result().value())));
        rig.thread(1, NodeRuns.awaitFlag(0x40),
                later(api -> new Step.Call(new Syscall.Read(ends[1], 16))),
                run(api -> seen.add("b:" + new String(api.result().data()))),
                later(api -> new Step.Call(new Syscall.Write(ends[1], 4, "pong".getBytes()))));
        Run r = rig.run();
        assertEquals(List.of("b:ping", "a:pong", "closed:" + -Errno.EBADF), seen);
        assertTrue(r.kernel(0, "kernel.syscalls") >= 6);
    }
}
