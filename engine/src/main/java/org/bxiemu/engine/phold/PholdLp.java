package org.bxiemu.engine.phold;

import org.bxiemu.engine.Component;
import org.bxiemu.engine.Port;
import org.bxiemu.engine.stats.Counter;
import org.bxiemu.engine.stats.Histogram;
import org.bxiemu.protocol.phold.PholdEvent;

/** One PHOLD logical process: each event it handles makes it send exactly one new event. */
public final class PholdLp extends Component {
    static final String MESH_PORT = "mesh";

    private final PholdParameters parameters;
    private final int self;
    private Port mesh;
    private Counter toOthers;
    private Histogram delays;

    PholdLp(PholdParameters parameters, int self) {
        this.parameters = parameters;
        this.self = self;
    }

    @Override
    protected void onStart() {
        mesh = port(MESH_PORT);
        toOthers = stats().counter("phold.sent.to-others");
        delays = stats().histogram("phold.delay.ps");
        PholdEvent first = PholdEvent.newBuilder().setHops(0).build();
        for (int i = 0; i < parameters.population(); i++) {
            sendTo(mesh, self, first, exponentialDelay());
        }
    }

    @Override
    protected void onEvent(Port port, Object message) {
        onPholdEvent((PholdEvent) message);
    }

    private void onPholdEvent(PholdEvent event) {
        int target = self;
        if (parameters.remote() > 0 && rng().nextDouble() < parameters.remote()) {
            target = rng().nextInt(parameters.lps() - 1);
            if (target >= self) target++;
            toOthers.increment();
        }
        long delay = exponentialDelay();
        delays.record(parameters.lookahead() + delay);
        sendTo(mesh, target, PholdEvent.newBuilder().setHops(event.getHops() + 1).build(), delay);
    }

    /** StrictMath, not Math: JIT intrinsics may differ in the last bit between runs. */
    private long exponentialDelay() {
        return (long) (-parameters.mean() * StrictMath.log(1.0 - rng().nextDouble()));
    }
}
