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
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wikis;

/** {@code /api/v1/wikis}: create a wiki, list the wikis the caller may see. */
@Path("wikis")
@Produces(MediaType.APPLICATION_JSON)
public final class WikiResource {
    private final Wikis wikis;
    private final Accounts accounts;
    private final TenantResolver urls;
    private final int maxListItems;

    @Inject
    public WikiResource(Wikis wikis, Accounts accounts, TenantResolver urls, Settings.Limits limits) {
        this.wikis = wikis;
        this.accounts = accounts;
        this.urls = urls;
        this.maxListItems = limits.maxListItems();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Dtos.NewWiki body) {
        Dtos.NewWiki request = Requests.body(body);
        User owner = accounts.current().asUser()
                .orElseThrow(() -> new WikifarmException.Unauthenticated("Sign in to create a wiki."));
        var wiki = wikis.create(owner.id(), owner.username(), Requests.required(request.slug(), "slug"),
                request.displayName(), Boolean.TRUE.equals(request.isPublic()));
        return Response.status(201).entity(Dtos.WikiJson.of(wiki, urls.baseUrl(wiki))).build();
    }

    @GET
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Caller caller = accounts.current();
        int checkedLimit = Requests.limit(limit, Math.min(100, maxListItems));
        int checkedOffset = Requests.limit(offset, 0);
        if (checkedLimit < 1 || checkedLimit > maxListItems || checkedOffset < 0) {
            throw new InvalidInput("invalid_limit", "limit must be 1 to " + maxListItems + " and offset at least 0.");
        }
        List<Dtos.WikiJson> visible = wikis.listVisible(caller.asUser().map(User::id).orElse(null), caller.admin(),
                checkedLimit, checkedOffset).stream().map(wiki -> Dtos.WikiJson.of(wiki, urls.baseUrl(wiki))).toList();
        return Map.of("wikis", visible);
    }
}
