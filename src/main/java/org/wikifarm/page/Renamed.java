package org.wikifarm.page;

import java.util.List;

/**
 * The result of a rename: the page under its new name, and the other pages whose links to the old name the same
 * commit pointed at the new one (empty unless links were to be updated).
 */
public record Renamed(Page page, List<PagePath> relinked) {
    public Renamed {
        relinked = List.copyOf(relinked);
    }

    /** The renaming commit. */
    public String revision() {
        return page.revision();
    }
}
