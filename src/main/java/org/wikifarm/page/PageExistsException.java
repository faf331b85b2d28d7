package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** A page with the name asked for already exists. */
public class PageExistsException extends WikifarmException.Conflict {
    public PageExistsException(PagePath path) {
        super("page_exists", "A page named '" + path + "' already exists.");
    }
}
