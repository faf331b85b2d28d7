package org.wikifarm.page;

import java.util.Locale;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.Text;

/**
 * A commit message as {@link PageService} stores it, whichever door it came through. Windows line breaks become
 * {@code \n} (browsers send them from a text area), trailing whitespace goes from every line and from the end, and
 * what is left must have no control characters other than line breaks and tabs (a NUL or an escape sequence would
 * end up in every history view and in {@code git log}) and at most the configured number of characters.
 */
final class CommitMessage {
    private CommitMessage() {
    }

    /** The message to store, or null (the write then gets its default message) when nothing but space was given. */
    static String clean(String message, int maxChars) {
        if (message == null) {
            return null;
        }
        PageLimits.requireUnicode(message, "A commit message");
        StringBuilder clean = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r' && i + 1 < message.length() && message.charAt(i + 1) == '\n') {
                continue;
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidInput("invalid_message", "A commit message may not contain control characters: "
                        + "found " + Text.codePoint(c) + " at character " + (i + 1)
                        + ". Only line breaks and tabs are allowed.");
            }
            if (c == '\n') {
                stripTrailingSpace(clean, false);
            }
            clean.append(c);
        }
        stripTrailingSpace(clean, true);
        if (clean.isEmpty()) {
            return null;
        }
        int chars = Text.chars(clean);
        if (chars > maxChars) {
            throw new InvalidInput("message_too_long", String.format(Locale.ROOT,
                    "A commit message may have at most %,d characters; this one has %,d.", maxChars, chars));
        }
        return clean.toString();
    }

    private static void stripTrailingSpace(StringBuilder text, boolean lineBreaksToo) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))
                && (lineBreaksToo || text.charAt(end - 1) != '\n')) {
            end--;
        }
        text.setLength(end);
    }
}
