package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.search.SearchMode;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;

/**
 * {@code <base>/-/search?q=&mode=}: results with a mode switch, highlighted snippets and, for semantic hits, the
 * matching passage; the index's status (queue, last indexed commit, model, pages that could not be indexed); for
 * administrators a reindex button and one that queues the failed pages again (POSTs back to the same screen, or from
 * the settings screen, which they then return to).
 */
public final class SearchScreens {
    /** Hits on one page of the screen. */
    static final int PAGE_SIZE = SearchService.DEFAULT_LIMIT * 2;
    /** The last page: a search ranks its best {@link SearchService#MAX_LIMIT} pages. */
    static final int LAST_PAGE = SearchService.MAX_LIMIT / PAGE_SIZE;

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
        int page = page(wiki.param("page"));
        wiki.request().setAttribute("query", query == null ? "" : query);
        wiki.request().setAttribute("resultsPage", page);
        wiki.request().setAttribute("maxQueryChars", search.maxQueryChars());
        int status = 200;
        try {
            SearchResults results = search.search(wiki.caller(), wiki.wiki(), query, wiki.param("mode"),
                    (page - 1) * PAGE_SIZE, PAGE_SIZE, SearchService.Passages.ONE_BESIDE_A_SNIPPET);
            wiki.request().setAttribute("results", results);
            wiki.request().setAttribute("hits",
                    results.hits().stream().map(hit -> ShownHit.of(wiki.tenant(), hit)).toList());
        } catch (WikifarmException.TooManyRequests busy) {
            // The wiki is answering as many searches as it may: the screen again, the words kept, and a notice.
            status = ErrorStatus.of(busy);
            wiki.request().setAttribute("busy", busy.getMessage());
            wiki.request().setAttribute("mode", SearchMode.of(wiki.param("mode")).value());
            wiki.response().setHeader("Retry-After", Integer.toString(ErrorStatus.retryAfterSeconds(busy)));
        }
        wiki.request().setAttribute("status", search.briefStatus(wiki.caller(), wiki.wiki()));
        wiki.request().setAttribute("canAdmin", search.canReindex(wiki.caller(), wiki.wiki()));
        String done = wiki.param("done");
        wiki.request().setAttribute("done", "reindex".equals(done) || "retry".equals(done) ? done : null);
        wiki.render("search/search", status);
    }

    /** The {@code page} parameter: 1 when absent, else a number from 1 to {@link #LAST_PAGE}. */
    static int page(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        int page;
        try {
            page = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1 || page > LAST_PAGE) {
            throw new WikifarmException.InvalidInput("invalid_page", "The results go from page 1 to page " + LAST_PAGE
                    + ": a search ranks its best " + SearchService.MAX_LIMIT + " pages.");
        }
        return page;
    }
}
