package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Accounts;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.limit.Text;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SearchStatus;
import org.wikifarm.tenant.Wiki;

/**
 * {@code <wiki>/api/v1/search?q=&mode=&offset=&limit=} (mode {@code text}, {@code semantic} or {@code hybrid}, the default),
 * {@code /search/status}, {@code POST /reindex} and {@code POST /search/retry} (administrators; both answer the status,
 * 202 when they queued something).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {
    private static final int PASSAGE_CHARS = 2_000;

    private final SearchService search;
    private final Accounts accounts;
    private final Settings.Limits limits;

    @Inject
    public SearchResource(SearchService search, Accounts accounts, Settings.Limits limits) {
        this.search = search;
        this.accounts = accounts;
        this.limits = limits;
    }

    /**
     * At most {@code limit} hits and {@code maxListBytes} of JSON: passages are cut to 2,000 characters and the last
     * hits left out if they would not fit (a passage is as long as the page made it).
     */
    @GET
    @Path("search")
    public SearchResults search(@QueryParam("q") String query, @QueryParam("mode") String mode,
                                @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        SearchResults results = search.search(accounts.current(), wiki(), query, mode,
                Requests.whole(offset, 0, "offset"), Requests.limit(limit, SearchService.DEFAULT_LIMIT),
                SearchService.Passages.ALL);
        List<SearchHit> hits = results.hits().stream().map(SearchResource::shortened).toList();
        ListBudget.Fitted<SearchHit> shown = ListBudget.fit(hits, limits.maxListBytes(),
                limits.maxListItems(), SearchResource::size);
        return new SearchResults(results.query(), results.requestedMode(), results.mode(), results.semantic(),
                results.offset(), shown.items(), results.hasMore() || shown.truncated(), results.tookMs());
    }

    private static SearchHit shortened(SearchHit hit) {
        return new SearchHit(hit.path(), hit.score(), hit.snippet(), hit.chunks().stream()
                .map(chunk -> new SearchHit.MatchedChunk(chunk.breadcrumb(), Text.head(chunk.text(), PASSAGE_CHARS),
                        chunk.similarity())).toList(), hit.matchedBy());
    }

    private static long size(SearchHit hit) {
        long size = JsonSize.field(hit.path()) + JsonSize.field(hit.snippet()) + 3L * JsonSize.FIELD;
        for (SearchHit.MatchedChunk chunk : hit.chunks()) {
            size += ListBudget.ITEM + JsonSize.field(chunk.breadcrumb()) + JsonSize.field(chunk.text())
                    + JsonSize.FIELD;
        }
        for (String by : hit.matchedBy()) {
            size += JsonSize.of(by) + 1;
        }
        return size;
    }

    @GET
    @Path("search/status")
    public SearchStatus status() {
        return search.status(accounts.current(), wiki());
    }

    /** 202 when a reindex was queued, 200 when one queued earlier is still under way (nothing was added). */
    @POST
    @Path("reindex")
    public Response reindex() {
        return queued(search.reindex(accounts.current(), wiki()));
    }

    /** Queues the pages that could not be indexed again: 202, or 200 when there was nothing to add. */
    @POST
    @Path("search/retry")
    public Response retry() {
        return queued(search.retryFailed(accounts.current(), wiki()));
    }

    private static Response queued(SearchService.Queued queued) {
        return Response.status(queued.added() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(queued.status()).build();
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
