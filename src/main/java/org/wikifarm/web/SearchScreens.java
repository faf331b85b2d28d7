package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SearchStatus;

/**
 * {@code <base>/-/search?q=&mode=}: results with a mode switch, highlighted snippets and, for semantic hits, the
 * matching passage; the index's status (queue, last indexed commit, model, pages that could not be indexed); for
 * administrators a reindex button and one that queues the failed pages again (POSTs back to the same screen, or from
 * the settings screen, which they then return to).
 */
public final class SearchScreens {
    private final SearchService search;

    public SearchScreens(SearchService search) {
        this.search = search;
    }

    void search(WikiRequest wiki) throws ServletException, IOException {
        if (wiki.isPost()) {
            boolean retry = "retry".equals(wiki.param("action"));
            if (retry) {
                search.retryFailed(wiki.caller(), wiki.wiki());
            } else {
                search.reindex(wiki.caller(), wiki.wiki());
            }
            String back = "settings".equals(wiki.param("from")) ? "settings" : "search";
            wiki.redirect(wiki.actionUrl(back, null) + (retry ? "?done=retry" : "?done=reindex"));
            return;
        }
        String query = wiki.param("q");
        SearchResults results = search.search(wiki.caller(), wiki.wiki(), query, wiki.param("mode"),
                SearchService.DEFAULT_LIMIT * 2, SearchService.Passages.ONE_BESIDE_A_SNIPPET);
        SearchStatus status = search.briefStatus(wiki.caller(), wiki.wiki());
        boolean admin = search.canReindex(wiki.caller(), wiki.wiki());
        wiki.request().setAttribute("query", query == null ? "" : query);
        wiki.request().setAttribute("results", results);
        wiki.request().setAttribute("hits", results.hits().stream().map(hit -> ShownHit.of(wiki.tenant(), hit)).toList());
        wiki.request().setAttribute("status", status);
        wiki.request().setAttribute("canAdmin", admin);
        String done = wiki.param("done");
        wiki.request().setAttribute("done", "reindex".equals(done) || "retry".equals(done) ? done : null);
        wiki.render("search/search", 200);
    }
}
