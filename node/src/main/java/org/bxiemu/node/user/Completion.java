package org.bxiemu.node.user;

/** A completion entry reaped from a ring: the operation's user data and its result (negative errno on failure). */
public record Completion(long userData, long result) {}
