package org.wikifarm.limit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A point in time by which a piece of work over user text (rendering a page, extracting its text for the index) must
 * be done. The work calls {@link #check()} at each step it takes (each block, each node, each tag), so a step that is
 * linear but huge, or a bug that makes it slower than linear, ends with {@link OverBudgetException} instead of holding
 * a thread for minutes. The deadline of the current thread is set with {@link #within}, so code deep in a library's
 * callbacks (a CommonMark post-processor, the sanitiser's event stream) can check it without a parameter.
 */
public final class Deadline {
    /** Never passes: for callers that set no budget (tests, tools). */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, System::nanoTime, Duration.ZERO);

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final LongSupplier ticker;
    private final Duration budget;

    private Deadline(long endNanos, LongSupplier ticker, Duration budget) {
        this.endNanos = endNanos;
        this.ticker = ticker;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /** A deadline {@code budget} from now on the given nanosecond ticker (tests pass a fake one). */
    public static Deadline after(Duration budget, LongSupplier ticker) {
        Objects.requireNonNull(budget, "budget");
        long now = ticker.getAsLong();
        long nanos = budget.toNanos();
        return new Deadline(nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos, ticker, budget);
    }

    /** Throws {@link OverBudgetException} once the deadline has passed. Cheap: one clock read. */
    public void check() {
        if (endNanos != Long.MAX_VALUE && ticker.getAsLong() - endNanos > 0) {
            throw new OverBudgetException(budget);
        }
    }

    public boolean passed() {
        return endNanos != Long.MAX_VALUE && ticker.getAsLong() - endNanos > 0;
    }

    public Duration budget() {
        return budget;
    }

    /** Runs {@code work} with this as the current thread's deadline (restoring the one before). */
    public <T> T run(Supplier<T> work) {
        Deadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Runs {@code work} under {@code deadline} as the current thread's deadline. */
    public static <T> T within(Deadline deadline, Supplier<T> work) {
        return deadline.run(work);
    }

    /** The current thread's deadline, or {@link #NONE}. */
    public static Deadline current() {
        Deadline deadline = CURRENT.get();
        return deadline == null ? NONE : deadline;
    }

    /** Checks the current thread's deadline. */
    public static void checkCurrent() {
        Deadline deadline = CURRENT.get();
        if (deadline != null) {
            deadline.check();
        }
    }
}
