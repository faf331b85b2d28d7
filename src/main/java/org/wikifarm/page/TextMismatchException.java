package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** The text an edit names to replace does not occur exactly once in the page, so nothing was written. */
public class TextMismatchException extends WikifarmException.Conflict {
    private final PagePath path;
    private final String revision;
    private final int occurrences;

    public TextMismatchException(PagePath path, String revision, int occurrences) {
        super(occurrences == 0 ? "text_not_found" : "text_not_unique", message(path, revision, occurrences));
        this.path = path;
        this.revision = revision;
        this.occurrences = occurrences;
    }

    public PagePath path() {
        return path;
    }

    /** The revision the text was looked for in. */
    public String revision() {
        return revision;
    }

    /** How often the text occurs in the page: 0, or more than one. */
    public int occurrences() {
        return occurrences;
    }

    private static String message(PagePath path, String revision, int occurrences) {
        if (occurrences == 0) {
            return "The text to replace was not found in '" + path + "' at revision " + revision + ". It must match"
                    + " the page's text exactly, whitespace and line breaks included.";
        }
        return "The text to replace occurs " + occurrences + " times in '" + path + "'; it must occur exactly once."
                + " Include more of the text around it to make it unique.";
    }
}
