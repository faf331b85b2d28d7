package org.wikifarm.page;

import java.time.Instant;
import java.util.List;

/** One commit in a page's history or the wiki's changelog, with the pages it touched. */
public record Change(String revision, String author, String email, Instant date, String message,
        List<ChangedFile> pages) {
    public Change {
        pages = List.copyOf(pages);
    }
}
