package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wikifarm.auth.Accounts;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SearchStatus;
import org.wikifarm.tenant.Wiki;

/**
 * {@code <wiki>/api/v1/search?q=&mode=&limit=} (mode {@code text}, {@code semantic} or {@code hybrid}, the default),
 * {@code /search/status}, {@code POST /reindex} and {@code POST /search/retry} (administrators; both answer the status,
 * 202 when they queued something).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {
    private final SearchService search;
    private final Accounts accounts;

    @Inject
    public SearchResource(SearchService search, Accounts accounts) {
        this.search = search;
        this.accounts = accounts;
    }

    @GET
    @Path("search")
    public SearchResults search(@QueryParam("q") String query, @QueryParam("mode") String mode,
                                @QueryParam("limit") String limit) {
        return search.search(accounts.current(), wiki(), query, mode,
                Requests.limit(limit, SearchService.DEFAULT_LIMIT));
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
