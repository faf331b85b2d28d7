package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** The caller edited an older revision than the current one; it carries the current one so they can merge. */
public class StaleRevisionException extends WikifarmException.Conflict {
    private final String currentRevision;

    /**
     * @param baseRevision the revision the caller started from, null when they meant to create the page
     * @param currentRevision the page's revision now, null when the page no longer exists
     */
    public StaleRevisionException(String baseRevision, String currentRevision) {
        super("stale_revision", message(baseRevision, currentRevision));
        this.currentRevision = currentRevision;
    }

    /** The page's current revision, or null if it was deleted. */
    public String currentRevision() {
        return currentRevision;
    }

    private static String message(String base, String current) {
        if (base == null) {
            return "The page already exists; the current revision is " + current + ".";
        }
        if (current == null) {
            return "The page was changed since revision " + base + "; it has been deleted.";
        }
        return "The page was changed since revision " + base + "; the current revision is " + current + ".";
    }
}
