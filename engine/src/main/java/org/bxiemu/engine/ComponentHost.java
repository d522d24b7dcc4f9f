package org.bxiemu.engine;

/**
 * Runs one component's window batches when fusion is off: merges the batch from the partition
 * with the events the component schedules for itself within the same (sub-)window, in the total
 * order, and buffers every other emitted event for the partition to route.
 */
final class ComponentHost implements EventSink {
    final Component component;
    final EventBuffer output = new EventBuffer();
    // small: one host per component, and most schedule few events for themselves in a window
    private final EventQueue selfEvents = new EventQueue(8);
    private long end;
    /** Self-scheduled events run inside the last batch, and the time of the last one: the partition counts them. */
    int selfEventsRun;
    /** Time of the last event this host delivered (cancelled events are not delivered). */
    long lastDeliveredTime = -1;
    /** Cancelled events dropped inside the last batch: no events, so the partition does not count them. */
    int cancelledDropped;

    ComponentHost(Component component) {
        this.component = component;
    }

    @Override
    public void emit(long time, long order, int target, int port, Object payload) {
        if (target == component.index() && time < end) {
            selfEvents.push(time, order, target, port, payload);
        } else {
            output.add(time, order, target, port, payload);
        }
    }

    void runBatch(EventBuffer in, long windowEnd) {
        end = windowEnd;
        int i = 0;
        while (true) {
            boolean haveIn = i < in.size;
            boolean haveSelf = !selfEvents.isEmpty() && selfEvents.minTime() < end;
            if (!haveIn && !haveSelf) break;
            boolean takeSelf = haveSelf && (!haveIn || selfEvents.minTime() < in.time[i]
                    || (selfEvents.minTime() == in.time[i] && selfEvents.minOrder() < in.order[i]));
            if (takeSelf) {
                long t = selfEvents.minTime();
                long o = selfEvents.minOrder();
                int p = selfEvents.minPort();
                Object payload = selfEvents.minPayload();
                selfEvents.pop();
                selfEventsRun++;
                if (p == Port.SELF_INDEX && component.dropIfCancelled(o)) {
                    cancelledDropped++;
                } else if (component.deliver(t, o, p, payload)) {
                    lastDeliveredTime = t;
                }
            } else {
                if (in.port[i] == Port.SELF_INDEX && component.dropIfCancelled(in.order[i])) {
                    cancelledDropped++;
                } else if (component.deliver(in.time[i], in.order[i], in.port[i], in.payload[i])) {
                    lastDeliveredTime = in.time[i];
                }
                i++;
            }
        }
        in.clear();
    }
}
