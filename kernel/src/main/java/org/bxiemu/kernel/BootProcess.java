package org.bxiemu.kernel;

import java.util.List;
import org.bxiemu.kernel.process.ThreadSpec;

/** A process a kernel starts at boot (virtual time 0), with its threads on this node. */
public record BootProcess(String name, List<ThreadSpec> threads) {}
