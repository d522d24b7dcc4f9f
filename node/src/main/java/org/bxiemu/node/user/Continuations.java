package org.bxiemu.node.user;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's one-shot delimited continuations (the machinery under virtual threads), used by
 * fibers when the JVM exports them ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED},
 * which {@code ./bxiemu} and the build pass): a fiber's code then runs on its core's own thread,
 * switching in about a hundred nanoseconds instead of a thread hand-off of several
 * microseconds. Without the export, fibers fall back to virtual threads; results are the same.
 */
final class Continuations {
    static final boolean AVAILABLE;
    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;

    static {
        Object scope = null;
        MethodHandle create = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        boolean ok = false;
        try {
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> continuationClass = Class.forName("jdk.internal.vm.Continuation");
            MethodHandles.Lookup lookup = MethodHandles.lookup(); // sees what the JVM exports to our module
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class)).invoke("bxiemu-fiber");
            create = lookup.findConstructor(continuationClass, MethodType.methodType(void.class, scopeClass, Runnable.class));
            run = lookup.findVirtual(continuationClass, "run", MethodType.methodType(void.class));
            yield = lookup.findStatic(continuationClass, "yield", MethodType.methodType(boolean.class, scopeClass));
            ok = !Boolean.getBoolean("bxiemu.fibers.threads");
        } catch (Throwable e) {
            ok = false; // not exported to us: virtual threads it is
        }
        AVAILABLE = ok;
        SCOPE = scope;
        NEW = create;
        RUN = run;
        YIELD = yield;
    }

    private Continuations() {}

    static Object create(Runnable body) {
        try {
            return NEW.invoke(SCOPE, body);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a continuation", e);
        }
    }

    static void run(Object continuation) {
        try {
            RUN.invoke(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void yieldNow() {
        try {
            if (!(boolean) YIELD.invoke(SCOPE)) throw new IllegalStateException("a fiber could not yield (pinned)");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
