package org.bxiemu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench ipc} and {@code bench uintr}: the calibration checks, through the command line. */
class BenchIpcTest {
    /** The Linux uintr RFC's table, uintr = 1. */
    private static final Map<String, Double> RFC = Map.of("uintr", 1.0, "uintr_blocked", 8.9, "eventfd", 9.7,
            "signal", 14.8, "pipe", 16.3, "unix_socket", 17.3);

    @Test
    void ipcTableReproducesTheRfcWithinTenPercentOnOneJvmOrTwo() {
        Cli.Outcome one = Cli.run("bench", "ipc", "--round-trips", "300", "--json");
        assertEquals(Main.OK, one.code(), one.err());
        JsonNode relative = one.json().get("relative");
        JsonNode latency = one.json().get("latency_ns");
        for (Map.Entry<String, Double> e : RFC.entrySet()) {
            double r = relative.get(e.getKey()).asDouble();
            assertTrue(Math.abs(r / e.getValue() - 1) <= 0.10, e.getKey() + ": " + r + " vs RFC " + e.getValue());
            assertTrue(latency.get(e.getKey()).asDouble() > 0, e.getKey());
        }
        assertTrue(one.out().contains("uintr_blocked"), one.out());
        Cli.Outcome two = Cli.run("bench", "ipc", "--round-trips", "300", "--json", "--jvms", "2");
        assertEquals(Main.OK, two.code(), two.err());
        assertEquals(one.json().get("digest").asText(), two.json().get("digest").asText());
        assertEquals(relative, two.json().get("relative"));
    }

    @Test
    void uintrLatenciesFollowTheCostModel() {
        Cli.Outcome o = Cli.run("bench", "uintr", "--interrupts", "50", "--json");
        assertEquals(Main.OK, o.code(), o.err());
        JsonNode receiver = o.json().get("receiver_cycles");
        assertEquals(720.0, receiver.get("uipi").asDouble(), "flush + notification + delivery (xUI)");
        assertEquals(231.0, receiver.get("xui_tracked").asDouble(), "no flush (xUI)");
        assertEquals(105.0, receiver.get("xui_kb_timer").asDouble());
        assertEquals(105.0, receiver.get("xui_forwarded").asDouble());
        JsonNode latency = o.json().get("latency_cycles");
        assertEquals(1360.0, latency.get("uipi").asDouble(), "SENDUIPI to handler, xUI's end-to-end figure");
        assertTrue(latency.get("xui_forwarded").asDouble() < latency.get("device_posted").asDouble());
        assertTrue(o.json().get("handler_rate_per_s").get("uipi").asLong() > 1_000_000);
    }
}
