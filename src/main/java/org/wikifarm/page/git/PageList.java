package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.wikifarm.page.PagePath;

/**
 * The wiki's page list, kept for one commit until HEAD moves: page views and the sidebar ask for it on every request.
 * The store's own commits move it along (a page view right after a save needs no walk over the tree); any other move
 * of HEAD (a push) is read again on the next question.
 */
final class PageList {
    private static final Comparator<PagePath> BY_PATH = Comparator.comparing(PagePath::value);

    /** Reads every page of a commit. */
    interface Reader {
        List<PagePath> pages(ObjectId commit) throws IOException;
    }

    /** The pages at one commit (null: an empty wiki). */
    private record Known(ObjectId head, List<PagePath> pages) {
    }

    private final Reader reader;
    private volatile Known known = new Known(null, List.of());

    PageList(Reader reader) {
        this.reader = reader;
    }

    /** The pages at {@code head}, sorted. */
    List<PagePath> at(ObjectId head) throws IOException {
        Known current = known;
        if (Objects.equals(current.head(), head)) {
            return current.pages();
        }
        List<PagePath> pages = head == null ? List.of() : List.copyOf(reader.pages(head));
        known = new Known(head == null ? null : head.copy(), pages);
        return pages;
    }

    /** Applies one of the store's commits, if the list was at the commit it replaced. */
    synchronized void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits) {
        Known current = known;
        if (!Objects.equals(current.head(), oldHead)) {
            return;
        }
        List<PagePath> pages = new ArrayList<>(current.pages());
        for (PageEdit edit : edits) {
            int at = Collections.binarySearch(pages, edit.path(), BY_PATH);
            if (edit.deletes() && at >= 0) {
                pages.remove(at);
            } else if (!edit.deletes() && at < 0) {
                pages.add(-at - 1, edit.path());
            }
        }
        known = new Known(newHead.copy(), List.copyOf(pages));
    }
}
