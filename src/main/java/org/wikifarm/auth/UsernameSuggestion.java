package org.wikifarm.auth;

import java.util.Locale;
import org.wikifarm.tenant.NameRules;
import org.wikifarm.tenant.Username;

/** Turns a proxy's subject or email into a username that follows the rules: {@code @Alice.bsky.social} → alice. */
final class UsernameSuggestion {
    private UsernameSuggestion() {
    }

    static String from(String subjectOrEmail) {
        String text = subjectOrEmail.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("@")) {
            text = text.substring(1);
        }
        int at = text.indexOf('@');
        if (at > 0) {
            text = text.substring(0, at);
        }
        int dot = text.indexOf('.');
        if (dot >= 3) {
            text = text.substring(0, dot);
        }
        String cleaned = text.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (cleaned.length() > 24) {
            cleaned = cleaned.substring(0, 24).replaceAll("-+$", "");
        }
        return cleaned.length() < NameRules.MIN_LENGTH ? "user" + (cleaned.isEmpty() ? "" : "-" + cleaned) : cleaned;
    }

    /** {@code alice}, then {@code alice-2}, {@code alice-3}…; a reserved base gets a number from the start. */
    static Username numbered(String base, int attempt) {
        String candidate = attempt == 1 ? base : base + "-" + attempt;
        if (!NameRules.isValid(candidate)) {
            candidate = base + "-" + (attempt + 1);
        }
        return new Username(NameRules.isValid(candidate) ? candidate : "user-" + Math.abs(base.hashCode() % 100000)
                + "-" + attempt);
    }
}
