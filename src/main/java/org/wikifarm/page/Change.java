package org.wikifarm.page;

import java.time.Instant;
import java.util.List;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;

/**
 * One commit in a page's history or the wiki's changelog, with the pages it touched. Commits can hold anything (a
 * {@code git push} brings messages, names and file lists of any size), so a change shows a bounded part of them: the
 * first characters of the message and the first pages, with {@code messageTruncated} and {@code pagesTruncated}
 * saying when there was more.
 */
public record Change(String revision, String author, String email, Instant date, String message,
        List<ChangedFile> pages, boolean messageTruncated, boolean pagesTruncated) {
    /** How many characters of an author's name or email a change shows. */
    public static final int MAX_IDENT_CHARS = 256;
    /** How many pages one change in a list shows. */
    public static final int MAX_LISTED_PAGES = 50;

    public Change {
        pages = List.copyOf(pages);
    }

    public Change(String revision, String author, String email, Instant date, String message,
                  List<ChangedFile> pages) {
        this(revision, author, email, date, message, pages, false, false);
    }

    /** An upper bound of this change's size as JSON, for {@link ListBudget}s. */
    public long jsonSize() {
        long size = JsonSize.field(revision) + JsonSize.field(author) + JsonSize.field(email)
                + JsonSize.field("2026-01-01T00:00:00.000000000Z") + JsonSize.field(message) + 3L * JsonSize.FIELD;
        for (ChangedFile page : pages) {
            size += ListBudget.ITEM + JsonSize.field(page.path().value()) + JsonSize.field("RENAMED")
                    + JsonSize.field(page.oldPath() == null ? null : page.oldPath().value());
        }
        return size;
    }
}
