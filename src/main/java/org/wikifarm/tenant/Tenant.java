package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

/**
 * The wiki a request is for, and where it lives in URLs.
 *
 * @param basePath the URL path prefix of the wiki, e.g. {@code /alice/notes} in path mode or {@code ""} on a
 *                 custom slug's host; links inside the wiki start with it
 * @param beside   in single-wiki mode, the platform routes served beside the wiki at {@code /} (a page whose first
 *                 segment is one of them is linked by its alias {@code -/page/<path>}); null elsewhere
 */
public record Tenant(Wiki wiki, String basePath, PlatformRoutes beside) {
    public Tenant(Wiki wiki, String basePath) {
        this(wiki, basePath, null);
    }

    public TenantId id() {
        return wiki.id();
    }

    /**
     * Whether a page (its decoded path, {@code Folder/Page}) must be linked by its alias {@code -/page/<path>}
     * because its plain address is a platform route here.
     */
    public boolean aliased(String pagePath) {
        return beside != null && beside.shadows(pagePath);
    }

    /** The address of a page after {@link #basePath()}: {@code /<encoded>}, or {@code /-/page/<encoded>} if aliased. */
    public String pageSuffix(String pagePath, String encodedPath) {
        return aliased(pagePath) ? "/" + PlatformRoutes.PAGE_ALIAS + encodedPath : "/" + encodedPath;
    }
}
