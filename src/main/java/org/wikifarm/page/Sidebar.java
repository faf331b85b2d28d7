package org.wikifarm.page;

import java.util.List;
import java.util.Set;
import org.wikifarm.auth.Permission;

/** What every screen of a wiki shows beside its content: the page tree, and what the caller may do there. */
public record Sidebar(List<PagePath> pages, Set<Permission> granted) {
    public Sidebar {
        pages = List.copyOf(pages);
        granted = Set.copyOf(granted);
    }

    public boolean canWrite() {
        return granted.contains(Permission.WRITE);
    }

    /** Whether the screens offer the wiki's settings, members and tokens. */
    public boolean canAdmin() {
        return granted.contains(Permission.ADMIN);
    }
}
