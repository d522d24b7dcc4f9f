package org.bxiemu.mpi;

/** What a completed receive got: from whom, with which tag, how many bytes, and the bytes when real. */
public record Status(int source, int tag, long bytes, Payload payload) {}
