package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.usage.UsageService;

/**
 * {@code GET /api/v1/admin/wikis?sort=&limit=&offset=}: every wiki with its usage and limits (platform admins);
 * {@code PUT /api/v1/admin/wikis/{id}/limits} {@code {"bytes":…,"pages":…}} sets a wiki's own limits (0: unlimited,
 * null or left out: the default).
 */
@Path("admin/wikis")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminUsageResource {
    private final UsageService usage;
    private final Accounts accounts;

    @Inject
    public AdminUsageResource(UsageService usage, Accounts accounts) {
        this.usage = usage;
        this.accounts = accounts;
    }

    @GET
    public Map<String, List<Dtos.WikiUsageJson>> wikis(@QueryParam("sort") String sort,
                                                      @QueryParam("limit") String limit,
                                                      @QueryParam("offset") String offset) {
        return Map.of("wikis", usage.wikis(accounts.current(), sort, Requests.limit(limit, 100),
                Requests.whole(offset, 0, "offset")).stream().map(Dtos.WikiUsageJson::of).toList());
    }

    @PUT
    @Path("{id}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dtos.WikiUsageJson setLimits(@PathParam("id") String wikiId, Dtos.LimitsWrite body) {
        Dtos.LimitsWrite limits = body == null ? new Dtos.LimitsWrite(null, null) : body;
        return Dtos.WikiUsageJson.of(usage.setLimits(accounts.current(), wikiId, limits.bytes(), limits.pages()));
    }
}
