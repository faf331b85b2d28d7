package org.wikifarm.it.web;

import org.wikifarm.it.Fixtures;

/** Where a wiki lives in path mode: {@code /<owner>/<slug>}. */
public record WikiAddress(String owner, String slug) {

    public String base() {
        return "/" + owner + "/" + slug;
    }

    /** The address of a page's view, percent-encoded, e.g. {@code /alice/notes/Second%20Page}. */
    public String page(String pagePath) {
        return base() + "/" + Fixtures.encodePath(pagePath);
    }

    /** The decoded URL path of a page's view, as {@link Browser#path()} reports it. */
    public String pagePath(String pagePath) {
        return base() + "/" + pagePath;
    }
}
