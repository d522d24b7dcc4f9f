package org.bxiemu.kernel;

import java.util.List;
import org.bxiemu.kernel.process.Placement;

/**
 * The system calls a thread can make, with Linux's names and meanings. File descriptors are per
 * process; thread ids are global (see {@link org.bxiemu.kernel.process.Tid}).
 */
public sealed interface Syscall {

    /** Ends the calling thread (suicide); its process ends with its last thread. */
    record Exit(int code) implements Syscall {}

    record SchedYield() implements Syscall {}

    /** Sleeps {@code duration} ps (an hrtimer on the thread's core). */
    record Nanosleep(long duration) implements Syscall {}

    // ---- eventfd, pipes, UNIX stream sockets -------------------------------------------------

    /** eventfd(initial, 0): a counter file; returns its fd. */
    record Eventfd(long initial) implements Syscall {}

    /** eventfd_write: adds {@code value} to the counter and wakes a blocked reader. */
    record EventfdWrite(int fd, long value) implements Syscall {}

    /** eventfd_read: blocks while the counter is 0, then returns it and resets it. */
    record EventfdRead(int fd) implements Syscall {}

    /**
     * poll(2) on an eventfd for at most {@code timeout} ps, then eventfd_read: the counter as
     * {@link EventfdRead}, or -ETIMEDOUT when nothing came in time.
     */
    record EventfdPollRead(int fd, long timeout) implements Syscall {}

    /** pipe(): returns the read end in value, the write end in second. */
    record Pipe() implements Syscall {}

    /** socketpair(AF_UNIX, SOCK_STREAM): two connected ends. */
    record SocketPair() implements Syscall {}

    /** write()/send() on a pipe or socket: {@code length} bytes, real when {@code data} holds them. */
    record Write(int fd, long length, byte[] data) implements Syscall {}

    /** read()/recv(): blocks while nothing is buffered, then returns up to {@code maxLength} bytes. */
    record Read(int fd, long maxLength) implements Syscall {}

    record Close(int fd) implements Syscall {}

    // ---- signals -------------------------------------------------------------------------------

    /** kill()/tgkill() of thread {@code tid} on this node. */
    record Kill(int tid, int signal) implements Syscall {}

    /** sigqueue(): a signal with a value. */
    record Sigqueue(int tid, int signal, long value) implements Syscall {}

    /** sigaction(): {@code handler} null restores the default action. */
    record Sigaction(int signal, SignalHandler handler) implements Syscall {}

    enum MaskHow { BLOCK, UNBLOCK, SET }

    /** sigprocmask(): bit {@code s} of {@code set} is signal {@code s}. */
    record Sigprocmask(MaskHow how, long set) implements Syscall {}

    /** pause(): sleeps until a signal is delivered; returns -EINTR. */
    record Pause() implements Syscall {}

    /** sigsuspend(): pause() with {@code mask} as the signal mask meanwhile. */
    record Sigsuspend(long mask) implements Syscall {}

    /** rt_sigreturn(): the end of a signal handler (the core issues it for the handler). */
    record SigReturn() implements Syscall {}

    // ---- user interrupts (Linux uintr RFC) ------------------------------------------------------

    /** Handler flag: a pending user interrupt also interrupts other blocking calls (-EINTR). */
    int UINTR_HANDLER_FLAG_WAITING_ANY = 1;

    record UintrRegisterHandler(UintrHandler handler, int flags) implements Syscall {}

    record UintrUnregisterHandler() implements Syscall {}

    /** An fd that stands for (this receiver thread, user vector {@code vector}). */
    record UintrCreateFd(int vector, int flags) implements Syscall {}

    /** Adds a UITT entry for the receiver behind {@code fd}; returns the UITT index for SENDUIPI. */
    record UintrRegisterSender(int fd, int flags) implements Syscall {}

    record UintrUnregisterSender(int index) implements Syscall {}

    /** Sleeps until a user interrupt arrives (the slow path); returns -EINTR. */
    record UintrWait() implements Syscall {}

    // ---- devices ---------------------------------------------------------------------------------

    /** What the kernel's IRQ handler for a device vector does. */
    sealed interface IrqAction {}

    /** Sends {@code signal} to thread {@code tid}. */
    record SignalThread(int tid, int signal) implements IrqAction {}

    /** Adds 1 to eventfd {@code fd} of the binding process. */
    record SignalEventfd(int fd) implements IrqAction {}

    /** Posts user vector {@code vector} to thread {@code tid}'s UPID (the kernel as sender). */
    record PostUserVector(int tid, int vector) implements IrqAction {}

    /** Binds device vector {@code vector} (e.g. a NIC event queue's MSI) to {@code action}. */
    record IrqBind(int vector, IrqAction action) implements Syscall {}

    // ---- completion rings (io_uring-style) -----------------------------------------------------------

    /** How the kernel tells a ring's owner that completions arrived. */
    sealed interface RingNotify {}

    /** Nothing: the thread polls the ring's tail word (or reaps when it likes). */
    record PollRing() implements RingNotify {}

    /** Adds 1 to eventfd {@code fd} per completion (the thread may block reading it). */
    record EventfdRing(int fd) implements RingNotify {}

    /** Posts user vector {@code vector} to the owner's UPID (the kernel as SENDUIPI sender). */
    record UintrRing(int vector) implements RingNotify {}

    /**
     * Sets up a submission/completion ring whose completions are notified by {@code notification}; returns
     * its fd in value and the address of its completion queue in node memory in second (its tail
     * word: the number of completions posted so far).
     */
    record RingSetup(RingNotify notification) implements Syscall {}

    /** One asynchronous operation; {@code userData} comes back in its completion. */
    sealed interface RingOp {
        long userData();
    }

    record NopOp(long userData) implements RingOp {}

    /** Completes after {@code duration} ps with result 0 (an hrtimer on the submitting core). */
    record TimeoutOp(long userData, long duration) implements RingOp {}

    /** read() of a pipe or socket, or eventfd_read, completed when data is there. */
    record ReadOp(long userData, int fd, long maxLength) implements RingOp {}

    /** Queues {@code ops} on ring {@code fd}; returns how many were accepted. */
    record RingSubmit(int fd, List<RingOp> ops) implements Syscall {}

    // ---- processes across nodes ------------------------------------------------------------------

    /** Creates threads of the caller's process on the given nodes (simple or parallel RPCs). */
    record SpawnThreads(List<Placement> placements) implements Syscall {}

    /** Kills thread {@code tid}, on any node (murder). */
    record KillThread(int tid) implements Syscall {}

    /**
     * Blocks until {@code participants} threads of the caller's process, on any nodes, have
     * called it (the launcher's out-of-band fence, as PMI's; the owner node counts arrivals
     * through kernel RPCs and releases every node).
     */
    record Fence(int participants) implements Syscall {}
}
