package org.wikifarm.tenant;

import java.util.Locale;

/** Whether a wiki is paid for; a lapsed wiki is read-only for everyone. */
public enum PaymentStatus {
    FREE, ACTIVE, LAPSED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
