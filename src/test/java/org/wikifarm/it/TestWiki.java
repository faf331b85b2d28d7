package org.wikifarm.it;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A wiki created for one test: its immutable id (the folder under {@code wikis/}), owner and slug, and the JSON
 * the server answered when it was created.
 */
public record TestWiki(String id, String owner, String slug, JsonNode json) {

    /** The wiki's API base in path mode, e.g. {@code /alice/notes/api/v1}. */
    public String api() {
        return "/" + owner + "/" + slug + "/api/v1";
    }

    /** The URL path of a page, e.g. {@code /alice/notes/api/v1/pages/projects/plan}. */
    public String page(String pagePath) {
        return api() + "/pages/" + Fixtures.encodePath(pagePath);
    }

    /** This wiki's pages as seen by {@code client}. */
    public Pages pages(ApiClient client) {
        return new Pages(client, this);
    }
}
