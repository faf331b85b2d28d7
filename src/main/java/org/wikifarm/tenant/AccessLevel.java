package org.wikifarm.tenant;

import java.util.Locale;
import org.wikifarm.error.WikifarmException.InvalidInput;

/** Who a wiki lets do something (as in An Otter Wiki): everyone, anyone signed in, or only its members. */
public enum AccessLevel {
    ANONYMOUS, REGISTERED, APPROVED;

    public static AccessLevel parse(String field, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("invalid_access_level",
                    field + " must be ANONYMOUS, REGISTERED or APPROVED.");
        }
    }

    /** How many people the level lets in: ANONYMOUS 2, REGISTERED 1, APPROVED 0. */
    public int reach() {
        return switch (this) {
            case ANONYMOUS -> 2;
            case REGISTERED -> 1;
            case APPROVED -> 0;
        };
    }
}
