package org.bxiemu.mpi.runtime.shm;

import com.typesafe.config.Config;
import org.bxiemu.engine.BadInputException;
import org.bxiemu.engine.units.Sizes;

/**
 * The {@code mpi.shm.*} parameters: whether ranks of one node talk through shared node memory,
 * how a receiver learns of a message, and the queues' sizes.
 *
 * @param enabled {@code mpi.shm}: messages between ranks of one node go through shared memory
 * @param notification how the receiver notices them (auto already resolved against the engine)
 * @param slots cells of each (sender, receiver) queue
 * @param slotSize the largest message a cell carries (copied in and out); larger ones are copied once
 */
public record ShmSettings(boolean enabled, Notify notification, int slots, long slotSize) {
    public enum Notify { POLL, UINTR, EVENTFD }

    public ShmSettings {
        if (slots < 2) throw new BadInputException("mpi.shm.slots: must be at least 2");
        if (slotSize < 0) throw new BadInputException("mpi.shm.slot-size: must not be negative");
    }

    /** Reads {@code mpi.shm.*} of {@code mpi} (the {@code mpi} block) for progression engine {@code progress}. */
    public static ShmSettings from(Config mpi, String progress) {
        boolean enabled = mpi.getBoolean("shm");
        boolean interrupts = progress.equals("uintr") || progress.equals("xui");
        Notify notify = switch (mpi.getString("shm-notify")) {
            case "poll" -> Notify.POLL;
            case "uintr" -> {
                if (!interrupts) {
                    throw new BadInputException("mpi.shm-notify = uintr needs a user-interrupt handler to run:"
                            + " mpi.progress = uintr or xui (not " + progress + ")");
                }
                yield Notify.UINTR;
            }
            case "eventfd" -> {
                if (!progress.equals("eventfd")) {
                    throw new BadInputException("mpi.shm-notify = eventfd needs ranks that sleep in an eventfd:"
                            + " mpi.progress = eventfd (not " + progress + ")");
                }
                yield Notify.EVENTFD;
            }
            case "auto" -> interrupts ? Notify.UINTR : progress.equals("eventfd") ? Notify.EVENTFD : Notify.POLL;
            default -> throw new BadInputException("mpi.shm-notify: '" + mpi.getString("shm-notify")
                    + "' is not poll, uintr, eventfd or auto");
        };
        return new ShmSettings(enabled, notify, mpi.getInt("shm-slots"),
                Sizes.parse(mpi.getString("shm-slot-size"), "mpi.shm-slot-size"));
    }
}
