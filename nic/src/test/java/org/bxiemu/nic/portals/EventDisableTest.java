package org.bxiemu.nic.portals;

import static org.bxiemu.nic.portals.Fixtures.kinds;
import static org.bxiemu.nic.portals.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each disabling option suppresses exactly the events it names. The scenario produces one event
 * of every kind an entry can cause: a persistent entry is appended after an unexpected message
 * (PUT_OVERFLOW, LINK), receives a put (PUT), then a USE_ONCE entry receives one (PUT,
 * AUTO_UNLINK), and an overflow buffer is freed (AUTO_FREE) when its header is claimed.
 */
class EventDisableTest {

    private static final EnumSet<EventKind> ALL = EnumSet.of(EventKind.PUT_OVERFLOW, EventKind.LINK,
            EventKind.PUT, EventKind.AUTO_UNLINK, EventKind.AUTO_FREE);

    /** Events caused by entries carrying {@code option}; the overflow buffer has it too. */
    private static Set<EventKind> scenario(MeOption option) {
        NetworkInterface ni = Fixtures.target(Set.of());
        CtHandle ct = ni.ctAlloc();
        List<Effect> all = new ArrayList<>();
        EnumSet<MeOption> opts = EnumSet.of(MeOption.OP_PUT, MeOption.EVENT_CT_COMM);
        if (option != null) {
            opts.add(option);
        }
        MatchEntry.Builder overflow = MatchEntry.builder(0).list(ListKind.OVERFLOW).match(0, -1L).buffer(0x8000, 100)
                .options(opts.toArray(MeOption[]::new)).options(MeOption.USE_ONCE).counter(ct);
        all.addAll(ni.meAppend(overflow.build()).effects());
        all.addAll(ni.deliver(put(0, 1, 8)).effects()); // PUT + AUTO_UNLINK of the buffer
        MatchEntry.Builder persistent = MatchEntry.builder(0).match(1, 0).buffer(0x1000, 100)
                .options(opts.toArray(MeOption[]::new)).counter(ct);
        all.addAll(ni.meAppend(persistent.build()).effects()); // PUT_OVERFLOW, AUTO_FREE, LINK
        all.addAll(ni.deliver(put(0, 1, 8)).effects());
        assertEquals(2, ni.ctGet(ct).success(), "counting events are never disabled by these options");
        return kinds(all).isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds(all));
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of(MeOption.EVENT_DISABLE, EnumSet.noneOf(EventKind.class)),
                Arguments.of(MeOption.EVENT_COMM_DISABLE, EnumSet.complementOf(EnumSet.of(EventKind.PUT))),
                Arguments.of(MeOption.EVENT_SUCCESS_DISABLE,
                        EnumSet.of(EventKind.LINK, EventKind.AUTO_UNLINK, EventKind.AUTO_FREE)),
                Arguments.of(MeOption.EVENT_LINK_DISABLE, EnumSet.complementOf(EnumSet.of(EventKind.LINK))),
                Arguments.of(MeOption.EVENT_UNLINK_DISABLE,
                        EnumSet.complementOf(EnumSet.of(EventKind.AUTO_UNLINK, EventKind.AUTO_FREE))),
                Arguments.of(MeOption.EVENT_OVER_DISABLE, EnumSet.complementOf(EnumSet.of(EventKind.PUT_OVERFLOW))));
    }

    @Test
    void withoutOptionsEveryEventKindOccurs() {
        assertEquals(ALL, scenario(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void optionSuppressesExactlyItsEvents(MeOption option, Set<EventKind> expected) {
        EnumSet<EventKind> want = EnumSet.copyOf(ALL);
        want.retainAll(expected);
        assertEquals(want, scenario(option));
    }

    @Test
    void portalEntryWithoutEventQueueWorksSilently() {
        NetworkInterface ni = new NetworkInterface(Fixtures.B);
        ni.ptAlloc(0, EqHandle.NONE, Set.of());
        ni.meAppend(MatchEntry.builder(0).match(1, 0).buffer(0x1000, 8).options(MeOption.OP_PUT).build());
        TargetOutcome o = ni.deliver(put(0, 1, 8));
        assertTrue(o.accepted());
        assertTrue(o.events().isEmpty());
        assertEquals(List.of(new Effect.Deposit(0x1000, 8, false)), Fixtures.only(Effect.Deposit.class, o.effects()));
    }
}
