package org.wikifarm.page;

/** The result of a write that leaves a page in place: the page as that write stored it, and whether it created it. */
public record Saved(Page page, boolean created) {
    /** The revision the page has after the write (its current one when there was nothing to write). */
    public String revision() {
        return page.revision();
    }
}
