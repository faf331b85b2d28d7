package org.wikifarm.page;

import java.util.List;

/**
 * What an accepted push changed: the branch moved from {@code oldHead} (null: the wiki was empty) to {@code newHead}
 * over {@code commits} new commits; the pages whose content is new or changed and those that are gone, between the
 * two trees; the page count before and after; and the bytes of page content added minus removed.
 */
public record Pushed(String oldHead, String newHead, int commits, List<PagePath> saved, List<PagePath> deleted,
                     int pagesBefore, int pagesAfter, long contentBytesDelta) {
    public Pushed {
        saved = List.copyOf(saved);
        deleted = List.copyOf(deleted);
    }

    public int pageDelta() {
        return pagesAfter - pagesBefore;
    }
}
