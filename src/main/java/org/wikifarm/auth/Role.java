package org.wikifarm.auth;

import java.util.Locale;

/** A platform ACL role on one wiki. */
public enum Role {
    OWNER, EDITOR, VIEWER;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
