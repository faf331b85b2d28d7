package org.wikifarm.auth;

import java.time.Duration;
import org.wikifarm.error.WikifarmException;

/** Sign-in refused without looking at the password: too many recent failures for the account or address. */
public final class TooManyAttemptsException extends WikifarmException.TooManyRequests {
    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration wait) {
        super("too_many_attempts", message(wait));
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** For a {@code Retry-After} header: whole seconds until the next attempt is accepted, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static String message(Duration wait) {
        long minutes = Math.max(1, (wait.toMillis() + 59_999) / 60_000);
        return "Too many failed sign-ins; try again in " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }
}
