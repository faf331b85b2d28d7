package org.wikifarm.store;

import org.wikifarm.error.WikifarmException;

/**
 * A wiki whose files exist but cannot be opened: its schema is newer than this code, its migration failed, or its
 * database or repository is damaged. A 503 whose message says why; the web UI takes the reader back to the wiki they
 * came from with that reason instead of leaving them on an error.
 */
public class WikiCannotOpenException extends WikifarmException.Unavailable {
    public WikiCannotOpenException(String code, String reason, Throwable cause) {
        super(code, reason, cause);
    }

    /** The failure as a reason a reader can be shown (the product's own message, or a plain one for anything else). */
    static WikiCannotOpenException of(RuntimeException failure) {
        if (failure instanceof WikiCannotOpenException cannot) {
            return cannot;
        }
        if (failure instanceof WikifarmException.Unavailable unavailable) {
            return new WikiCannotOpenException(unavailable.code(), unavailable.getMessage(), failure);
        }
        return new WikiCannotOpenException("wiki_cannot_open",
                "The wiki's files cannot be read; they may be damaged.", failure);
    }
}
