package org.wikifarm.auth;

import java.time.Instant;
import org.wikifarm.tenant.Username;

/** A person known to the platform, however they sign in. */
public record User(long id, Username username, String email, String displayName, boolean admin, boolean disabled,
                   Instant createdAt) {
    /** The name to show and to write into commits. */
    public String shownName() {
        return displayName == null || displayName.isBlank() ? username.value() : displayName;
    }
}
