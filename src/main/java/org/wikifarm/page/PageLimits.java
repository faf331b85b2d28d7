package org.wikifarm.page;

import java.util.Locale;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.limit.Text;

/** The checks {@link PageService} makes with {@link Settings.Limits} before it writes or lists anything. */
final class PageLimits {
    private final Settings.Limits limits;

    PageLimits(Settings.Limits limits) {
        this.limits = limits;
    }

    Settings.Limits settings() {
        return limits;
    }

    /** The commit message to store ({@link CommitMessage}), or null for the default one. */
    String message(String message) {
        return CommitMessage.clean(message, limits.maxMessageChars());
    }

    /**
     * Refuses text larger than a page may be ({@code what}: "A page", "A draft"), counting UTF-8 without encoding,
     * and text that is not Unicode ({@link #requireUnicode}).
     */
    void requireSize(String content, String what) {
        requireUnicode(content, what);
        long bytes = utf8Bytes(content);
        if (bytes > limits.maxPageBytes()) {
            throw new WikifarmException.TooLarge(String.format(Locale.ROOT,
                    "%s may have at most %,d bytes of text (UTF-8); this one has %,d. Split it into several pages.",
                    what, limits.maxPageBytes(), bytes));
        }
    }

    /** Refuses text with a lone UTF-16 surrogate, which would be stored as {@code ?}; null passes. */
    static void requireUnicode(String text, String what) {
        int at = text == null ? -1 : Text.loneSurrogateAt(text);
        if (at >= 0) {
            throw new WikifarmException.InvalidInput("invalid_unicode", String.format(Locale.ROOT,
                    "%s must be valid Unicode: it has a lone UTF-16 surrogate (%s) at character %,d.", what,
                    Text.codePoint(text.charAt(at)), at + 1));
        }
    }

    int checkLimit(int limit) {
        if (limit < 1 || limit > limits.maxListItems()) {
            throw new WikifarmException.InvalidInput("invalid_limit",
                    "limit must be between 1 and " + limits.maxListItems() + ".");
        }
        return limit;
    }

    /** A budget of {@code maxBytes}, never more than {@code maxListBytes}. */
    ListBudget budget(long maxBytes) {
        return new ListBudget(Math.min(maxBytes, limits.maxListBytes()), limits.maxListItems());
    }

    /** A prefix or cursor is at most a page path long: nothing longer can match. */
    static void checkPrefix(String prefix) {
        if (prefix != null && utf8Bytes(prefix) > PagePath.MAX_BYTES) {
            throw new WikifarmException.InvalidInput("invalid_prefix",
                    "A path prefix may be at most " + PagePath.MAX_BYTES + " bytes long, like a page path.");
        }
    }

    static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
