package org.bxiemu.mpi.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator must catch broken schedules, or the other tests prove nothing. */
class ScheduleSimulatorTest {

    static Schedule of(Round... rounds) {
        return new Schedule(List.of(rounds), List.of());
    }

    static Round round(Op... ops) {
        return new Round(List.of(ops));
    }

    @Test
    void deliversInSendOrder() {
        Buffer a = Buffer.ofInts(1, 2);
        Buffer b = Buffer.ofInts(3, 4);
        Buffer x = Buffer.ofInts(0, 0);
        Buffer y = Buffer.ofInts(0, 0);
        ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, a.all()), new Op.Send(1, b.all()))),
                of(round(new Op.Recv(0, x.all())), round(new Op.Recv(0, y.all())))));
        assertArrayEquals(new int[] {1, 2}, x.intData());
        assertArrayEquals(new int[] {3, 4}, y.intData());
    }

    @Test
    void detectsDeadlock() {
        Buffer a = Buffer.ofInts(1);
        Buffer b = Buffer.ofInts(2);
        AssertionError e = assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Recv(1, a.all())), round(new Op.Send(1, a.all()))),
                of(round(new Op.Recv(0, b.all())), round(new Op.Send(0, b.all()))))));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    }

    @Test
    void sendsAreRendezvousSoRelyingOnEagerBufferingIsADeadlock() {
        Buffer a = Buffer.ofInts(1);
        Buffer b = Buffer.ofInts(2);
        assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, a.all())), round(new Op.Recv(1, a.all()))),
                of(round(new Op.Send(0, b.all())), round(new Op.Recv(0, b.all()))))));
    }

    @Test
    void detectsAnUnmatchedSend() {
        assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, Buffer.ofInts(1).all()))), of())));
    }

    @Test
    void detectsMismatchedSizes() {
        AssertionError e = assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, Buffer.ofInts(1, 2, 3, 4).all()))),
                of(round(new Op.Recv(0, Buffer.ofInts(0, 0, 0).all()))))));
        assertTrue(e.getMessage().contains("size mismatch"), e.getMessage());
        // same bytes, different datatypes
        assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, Buffer.ofInts(1, 2).all()))),
                of(round(new Op.Recv(0, Buffer.ofLongs(0).all()))))));
    }

    @Test
    void detectsAHazardInsideARound() {
        Buffer a = Buffer.ofInts(1, 2, 3);
        Buffer b = Buffer.ofInts(0, 0);
        AssertionError e = assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(1, a.slice(0, 2)), new Op.Recv(1, a.slice(1, 2)))),
                of(round(new Op.Send(0, b.all()), new Op.Recv(0, Buffer.ofInts(0, 0).all()))))));
        assertTrue(e.getMessage().contains("hazard"), e.getMessage());
    }

    @Test
    void detectsUnlistedScratch() {
        Buffer user = Buffer.ofInts(1);
        Schedule s = of(round(new Op.Copy(Buffer.ofInts(5).all(), user.all())));
        assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(s), List.of(List.of(user))));
    }

    @Test
    void detectsMessagesToSelf() {
        Buffer a = Buffer.ofInts(1);
        assertThrows(AssertionError.class, () -> ScheduleSimulator.run(List.of(
                of(round(new Op.Send(0, a.all()))))));
    }

    @Test
    void aBrokenAllreduceFailsTheResultCheck() {
        // recursive doubling without the unfold: even extra ranks never get the result
        int p = 3;
        Buffer[] recv = new Buffer[p];
        List<Schedule> ss = new java.util.ArrayList<>();
        for (int r = 0; r < p; r++) {
            recv[r] = Buffer.ofLongs(-1);
            Schedule full = new RecursiveDoublingAllreduce().schedule(r, p,
                    CollectiveArgs.allreduce(Buffer.ofLongs(r), recv[r], ReduceOp.SUM));
            List<Round> rounds = full.rounds();
            if (r < 2) {
                rounds = rounds.subList(0, rounds.size() - 1); // drop the unfold on ranks 0 and 1
            }
            ss.add(new Schedule(rounds, full.scratch()));
        }
        ScheduleSimulator.Result res = ScheduleSimulator.run(ss);
        assertTrue(recv[0].getLong(0) != 3, "rank 0 cannot have the sum without the unfold");
        assertTrue(!res.everyoneHeardFromEveryone());
    }
}
