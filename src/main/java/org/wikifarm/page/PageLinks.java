package org.wikifarm.page;

import java.util.List;

/** The pages a page links to, and the pages that link to it. */
public record PageLinks(List<PagePath> outgoing, List<PagePath> backlinks) {
    public PageLinks {
        outgoing = List.copyOf(outgoing);
        backlinks = List.copyOf(backlinks);
    }
}
