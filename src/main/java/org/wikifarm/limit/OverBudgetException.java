package org.wikifarm.limit;

import java.time.Duration;

/** Work over user text ran past its {@link Deadline}; the caller decides what the user gets instead. */
public final class OverBudgetException extends RuntimeException {
    private final Duration budget;

    public OverBudgetException(Duration budget) {
        super("The work took longer than its budget of " + budget.toMillis() + " ms.", null, false, false);
        this.budget = budget;
    }

    public Duration budget() {
        return budget;
    }
}
