package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

/**
 * The wiki a request is for, and where it lives in URLs.
 *
 * @param basePath the URL path prefix of the wiki, e.g. {@code /alice/notes} in path mode or {@code ""} on a
 *                 custom slug's host; links inside the wiki start with it
 */
public record Tenant(Wiki wiki, String basePath) {
    public TenantId id() {
        return wiki.id();
    }
}
