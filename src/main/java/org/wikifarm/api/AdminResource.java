package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.PlatformAdmin;

/**
 * {@code /api/v1/admin/wikis/{id}/domains[/{domain}]}: the custom domains of a wiki, which only platform admins
 * register (a registered domain is trusted with sign-in redirects and tickets).
 */
@Path("admin/wikis/{id}/domains")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
    private final PlatformAdmin admin;
    private final Accounts accounts;

    @Inject
    public AdminResource(PlatformAdmin admin, Accounts accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    @GET
    public Map<String, List<String>> domains(@PathParam("id") String wikiId) {
        return Map.of("domains", admin.domains(accounts.current(), wikiId));
    }

    /** Idempotent: registering a domain the wiki already has answers the same list. */
    @PUT
    @Path("{domain}")
    public Map<String, List<String>> add(@PathParam("id") String wikiId, @PathParam("domain") String domain) {
        return Map.of("domains", admin.addDomain(accounts.current(), wikiId, domain));
    }

    @DELETE
    @Path("{domain}")
    public Response remove(@PathParam("id") String wikiId, @PathParam("domain") String domain) {
        admin.removeDomain(accounts.current(), wikiId, domain);
        return Response.noContent().build();
    }
}
