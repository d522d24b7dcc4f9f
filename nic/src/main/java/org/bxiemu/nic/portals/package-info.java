/**
 * The Portals 4 semantic core of the BXI NIC: a pure, deterministic library that decides what
 * happens when an operation arrives or a command is issued, and nothing else.
 *
 * <p>{@link org.bxiemu.nic.portals.NetworkInterface} holds one process's Portals state. Each call
 * returns an ordered list of {@link org.bxiemu.nic.portals.Effect}s (deposit or fetch data, apply an
 * atomic, write an event, update a counter, send a request, send an ACK/REPLY). The NIC component
 * wraps it: it parses packets into {@link org.bxiemu.nic.portals.OperationHeader}s, sends
 * {@link org.bxiemu.nic.portals.Outgoing} requests, moves the bytes by DMA, times everything in
 * virtual time and makes delivery reliable; it reports back send completions, acknowledgements,
 * replies and event-queue consumption. Memory contents never enter this package except through
 * the pure {@link org.bxiemu.nic.portals.Atomics} function.
 *
 * <p>Determinism: no clock, no threads, no hash-ordered iteration; handles and operation ids are
 * sequential integers; the same calls in the same order give equal results.
 *
 * <p>Sources: the Portals 4 header and reference implementation (sandialabs/portals4
 * {@code portals4.h}, {@code src/ib/ptl_tgt.c}, {@code ptl_le.c}, {@code ptl_eq.c}); where they leave
 * a choice, the class comments say which one was made.
 */
package org.bxiemu.nic.portals;
