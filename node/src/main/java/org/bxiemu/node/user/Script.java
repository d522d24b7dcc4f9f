package org.bxiemu.node.user;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.bxiemu.kernel.Syscall;

/**
 * Builds thread programs from small actions, so that a program reads as its sequence: each
 * action yields steps until it is done (null), then the next one runs. A program ends with
 * exit() unless its last action ends the thread or handler itself.
 */
public final class Script {
    /** Yields the next step, or null when the action is finished. */
    @FunctionalInterface
    public interface Action {
        Step next(UserApi api);
    }

    private Script() {}

    /** A program running {@code actions} in order, then exit(0). */
    public static ThreadProgram program(Action... actions) {
        Action all = sequence(actions);
        return api -> {
            Step s = all.next(api);
            return s != null ? s : Steps.exit();
        };
    }

    /** A handler body running {@code actions}, then {@code last} (UIRET or sigreturn). */
    public static ThreadProgram handler(Step last, Action... actions) {
        Action all = sequence(actions);
        boolean[] ended = {false};
        return api -> {
            Step s = ended[0] ? null : all.next(api);
            if (s != null) return s;
            if (ended[0]) throw new IllegalStateException("a handler body ran past its end");
            ended[0] = true;
            return last;
        };
    }

    /** The step {@code step}, once. */
    public static Action step(Step step) {
        boolean[] done = {false};
        return api -> {
            if (done[0]) return null;
            done[0] = true;
            return step;
        };
    }

    public static Action call(Syscall syscall) {
        return step(new Step.Call(syscall));
    }

    /** A step made when the action is reached (it may depend on earlier results). */
    public static Action later(Function<UserApi, Step> make) {
        boolean[] done = {false};
        return api -> {
            if (done[0]) return null;
            done[0] = true;
            return make.apply(api);
        };
    }

    /** A zero-time effect on the program's own state, e.g. keeping a syscall's result. */
    public static Action run(Consumer<UserApi> effect) {
        return api -> {
            effect.accept(api);
            return null;
        };
    }

    /** Repeats the step {@code step} made by {@code make} while {@code condition} holds. */
    public static Action whileTrue(BooleanSupplier condition, Function<UserApi, Step> make) {
        return api -> condition.getAsBoolean() ? make.apply(api) : null;
    }

    /** Runs only when {@code condition} holds at the time it is reached. */
    public static Action when(BooleanSupplier condition, Action... body) {
        Action all = sequence(body);
        Boolean[] taken = {null};
        return api -> {
            if (taken[0] == null) taken[0] = condition.getAsBoolean();
            return taken[0] ? all.next(api) : null;
        };
    }

    public static Action sequence(Action... actions) {
        List<Action> list = new ArrayList<>(Arrays.asList(actions));
        int[] at = {0};
        return api -> {
            while (at[0] < list.size()) {
                Step s = list.get(at[0]).next(api);
                if (s != null) return s;
                at[0]++;
            }
            return null;
        };
    }

    /** {@code times} iterations of the body {@code body.apply(i)} makes afresh for iteration i. */
    public static Action repeat(int times, IntFunction<Action> body) {
        int[] i = {0};
        Action[] current = {null};
        return api -> {
            while (i[0] < times) {
                if (current[0] == null) current[0] = body.apply(i[0]);
                Step s = current[0].next(api);
                if (s != null) return s;
                current[0] = null;
                i[0]++;
            }
            return null;
        };
    }
}
