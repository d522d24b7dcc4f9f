package org.bxiemu.fabric.topology;

/** One port of one switch, by indices. */
public record SwitchPort(int sw, int port) {}
