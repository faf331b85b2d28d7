package org.wikifarm.page;

import org.wikifarm.store.TenantId;

/**
 * A committed change to one page, as {@link PageService} announces it to listeners such as the search index.
 * {@code previousPath} is set for a rename (the page left that path).
 */
public record PageChange(TenantId wiki, Kind kind, PagePath path, PagePath previousPath) {
    public enum Kind { SAVED, DELETED, RENAMED }

    public static PageChange saved(TenantId wiki, PagePath path) {
        return new PageChange(wiki, Kind.SAVED, path, null);
    }

    public static PageChange deleted(TenantId wiki, PagePath path) {
        return new PageChange(wiki, Kind.DELETED, path, null);
    }

    public static PageChange renamed(TenantId wiki, PagePath from, PagePath to) {
        return new PageChange(wiki, Kind.RENAMED, to, from);
    }
}
