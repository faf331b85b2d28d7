package org.wikifarm.page;

import org.wikifarm.limit.VisibleText;

/**
 * The person a commit is recorded for, as author and committer. Git writes {@code name <email> time zone} into a
 * header line, so a newline or an angle bracket would forge that header, and git itself refuses such names. Names
 * are checked when people type them, but accounts made before that, a proxy, or a token's name may still carry
 * anything: this record never refuses (a write must not fail because of who makes it) and keeps only what is safe
 * in the header — no {@code <}, {@code >}, controls or characters that do not show, whitespace as single spaces.
 */
public record Author(String name, String email) {
    static final String UNKNOWN_NAME = "Unknown";
    static final String UNKNOWN_EMAIL = "unknown@users.wikifarm.invalid";

    public Author {
        name = safe(name, UNKNOWN_NAME);
        email = safe(email, UNKNOWN_EMAIL);
    }

    private static String safe(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                space = !out.isEmpty();
            } else if (codePoint != '<' && codePoint != '>' && !VisibleText.isHidden(codePoint)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(codePoint);
            }
        }
        return out.isEmpty() ? fallback : out.toString();
    }
}
