package org.bxiemu.fabric.topology;

/**
 * A cable between two switch ports, stored with the lower switch index first (and, between two
 * ports of the same pair of switches, in port order), so that a link has exactly one spelling.
 *
 * @param name the stable name fault plans use, e.g. {@code sw0003.p7-sw0010.p2}
 */
public record Link(int switchA, int portA, int switchB, int portB, String name) {

    public SwitchPort endA() {
        return new SwitchPort(switchA, portA);
    }

    public SwitchPort endB() {
        return new SwitchPort(switchB, portB);
    }

    /** Whether the link ends on {@code sw}. */
    public boolean touches(int sw) {
        return switchA == sw || switchB == sw;
    }
}
