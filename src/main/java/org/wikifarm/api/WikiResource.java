package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.WikiCatalog;
import org.wikifarm.tenant.TenantResolver;

/** {@code /api/v1/wikis}: create a wiki, list the wikis the caller may read. */
@Path("wikis")
@Produces(MediaType.APPLICATION_JSON)
public final class WikiResource {
    private final WikiCatalog wikis;
    private final Accounts accounts;
    private final TenantResolver urls;
    private final int maxListItems;

    @Inject
    public WikiResource(WikiCatalog wikis, Accounts accounts, TenantResolver urls, Settings.Limits limits) {
        this.wikis = wikis;
        this.accounts = accounts;
        this.urls = urls;
        this.maxListItems = limits.maxListItems();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Dtos.NewWiki body) {
        Dtos.NewWiki request = Requests.body(body);
        var wiki = wikis.create(accounts.current(), Requests.required(request.slug(), "slug"), request.displayName(),
                Boolean.TRUE.equals(request.isPublic()));
        return Response.status(201).entity(Dtos.WikiJson.of(wiki, urls.baseUrl(wiki))).build();
    }

    @GET
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        List<Dtos.WikiJson> readable = wikis.readable(accounts.current(),
                        Requests.limit(limit, Math.min(100, maxListItems)), Requests.whole(offset, 0, "offset"))
                .stream().map(wiki -> Dtos.WikiJson.of(wiki, urls.baseUrl(wiki))).toList();
        return Map.of("wikis", readable);
    }
}
