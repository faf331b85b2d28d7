package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** No commit with the given id exists in this wiki. */
public class RevisionNotFoundException extends WikifarmException.NotFound {
    public RevisionNotFoundException(String revision) {
        super("revision_not_found", "The revision " + revision + " does not exist in this wiki.");
    }
}
