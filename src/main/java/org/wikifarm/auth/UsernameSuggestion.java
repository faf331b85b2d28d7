package org.wikifarm.auth;

import java.util.Locale;
import org.wikifarm.tenant.NameRules;
import org.wikifarm.tenant.Username;

/** Turns a proxy's subject or email into a username that follows the rules: {@code @Alice.bsky.social} → alice. */
public final class UsernameSuggestion {
    private UsernameSuggestion() {
    }

    public static String from(String subjectOrEmail) {
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
        String cleaned = hyphenated(text, 24);
        return cleaned.length() < NameRules.MIN_LENGTH ? "user" + (cleaned.isEmpty() ? "" : "-" + cleaned) : cleaned;
    }

    /**
     * Letters and digits kept, every other run of characters one hyphen, none at either end, at most {@code max}
     * characters: one pass over a text that comes from a proxy's header.
     */
    private static String hyphenated(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        boolean gap = false;
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !out.isEmpty()) {
                    if (out.length() >= max - 1) {
                        break; // no room for a hyphen and another character
                    }
                    out.append('-');
                }
                gap = false;
                out.append(c);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** {@code alice}, then {@code alice-2}, {@code alice-3}…; a reserved base gets a number from the start. */
    public static Username numbered(String base, int attempt) {
        String candidate = attempt == 1 ? base : base + "-" + attempt;
        if (!NameRules.isValid(candidate)) {
            candidate = base + "-" + (attempt + 1);
        }
        return new Username(NameRules.isValid(candidate) ? candidate : "user-" + Math.abs(base.hashCode() % 100000)
                + "-" + attempt);
    }
}
