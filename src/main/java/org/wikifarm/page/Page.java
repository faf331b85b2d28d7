package org.wikifarm.page;

import java.time.Instant;
import java.util.Objects;

/** A page's content as of a revision, with the commit, author and date of its last change. */
public record Page(PagePath path, String content, String revision, String author, Instant date) {
    public Page {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(revision, "revision");
    }
}
