package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** Undoing a revision would clash with later edits of the page, so it needs a person to merge by hand. */
public class RevertConflictException extends WikifarmException.Conflict {
    public RevertConflictException(PagePath path, String revision) {
        super("revert_conflict", "Revision " + revision + " cannot be undone on '" + path
                + "' automatically because later edits overlap with it; edit the page by hand instead.");
    }
}
