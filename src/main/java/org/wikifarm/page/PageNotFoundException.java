package org.wikifarm.page;

import org.wikifarm.error.WikifarmException;

/** The page does not exist (at the revision asked for). */
public class PageNotFoundException extends WikifarmException.NotFound {
    public PageNotFoundException(PagePath path) {
        super("page_not_found", "The page '" + path + "' does not exist.");
    }
}
