package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/**
 * An edit by text: {@code oldText}, which must occur exactly once in the page, becomes {@code newText}. What an
 * assistant sends when it changes a passage without sending the whole page back.
 */
public record Replacement(String oldText, String newText) {
    public Replacement {
        if (oldText == null || oldText.isEmpty()) {
            throw new WikifarmException.InvalidInput("missing_text", "The text to replace may not be empty.");
        }
        if (newText == null) {
            throw new WikifarmException.InvalidInput("missing_text", "The replacing text is required (it may be"
                    + " empty).");
        }
    }

    /**
     * The page's text with the one occurrence replaced; {@link TextMismatchException} naming how often the old text
     * occurs when that is not exactly once.
     */
    public String applyTo(PagePath path, String revision, String text) {
        Found match = find(text, oldText);
        if (match.count() != 1) {
            throw new TextMismatchException(path, revision, match.count());
        }
        int at = match.first();
        return text.substring(0, at) + newText + text.substring(at + oldText.length());
    }

    /** How often a needle occurs, overlapping occurrences included, and where first (-1 when it does not). */
    record Found(int count, int first) {
    }

    /**
     * Occurrences of {@code needle} ({@code "aa"} is twice in {@code "aaa"}). Knuth–Morris–Pratt, so the count takes
     * time linear in both texts: {@code String.indexOf} in a loop compares naively, which is quadratic for a page and
     * a passage of one repeated character, both up to {@code maxPageBytes} long.
     */
    static Found find(String text, String needle) {
        if (needle.isEmpty()) {
            return new Found(text.length() + 1, 0);
        }
        int[] fallback = new int[needle.length()];
        for (int i = 1, k = 0; i < needle.length(); i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = fallback[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            fallback[i] = k;
        }
        int count = 0;
        int first = -1;
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != needle.charAt(k)) {
                k = fallback[k - 1];
            }
            if (text.charAt(i) == needle.charAt(k)) {
                k++;
            }
            if (k == needle.length()) {
                if (count++ == 0) {
                    first = i - needle.length() + 1;
                }
                k = fallback[k - 1];
            }
        }
        return new Found(count, first);
    }
}
