package org.wikifarm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.ApiToken;
import org.wikifarm.auth.Members;
import org.wikifarm.auth.Tokens;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.tenant.Wiki;

/** {@code <wiki>/api/v1/settings}, {@code /members}, {@code /tokens}: running a wiki (its administrators only). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class WikiAdminResource {
    private final Accounts accounts;
    private final WikiSettings settings;
    private final Members members;
    private final Tokens tokens;
    private final int maxListItems;

    @Inject
    public WikiAdminResource(Accounts accounts, WikiSettings settings, Members members, Tokens tokens,
                             Settings.Limits limits) {
        this.accounts = accounts;
        this.settings = settings;
        this.members = members;
        this.tokens = tokens;
        this.maxListItems = limits.maxListItems();
    }

    record SettingsChange(String displayName, Boolean isPublic, String readAccess, String writeAccess,
                          String attachmentAccess, String customSlug, String wikiLinkOrder) {
    }

    record RoleRequest(String role) {
    }

    record NewToken(String name, String role) {
    }

    record MemberJson(String username, String role, String grantedBy, Instant grantedAt) {
        static MemberJson of(UserRepository.Grant grant) {
            return new MemberJson(grant.username().value(), grant.role().dbValue(),
                    grant.grantedBy() == null ? null : grant.grantedBy().value(), grant.grantedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenJson(String id, String name, String role, Instant createdAt, Instant lastUsedAt, String secret) {
        static TokenJson of(ApiToken token, String secret) {
            return new TokenJson(token.id(), token.name(), token.role().dbValue(), token.createdAt(),
                    token.lastUsedAt(), secret);
        }
    }

    @GET
    @Path("settings")
    public WikiSettings.View settings() {
        return settings.get(accounts.current(), wiki());
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public WikiSettings.View changeSettings(SettingsChange body) {
        SettingsChange change = Requests.body(body);
        return settings.update(accounts.current(), wiki(), new WikiSettings.Change(change.displayName(),
                change.isPublic(), change.readAccess(), change.writeAccess(), change.attachmentAccess(),
                change.customSlug(), change.wikiLinkOrder()));
    }

    /** The members in pages of {@code limit} (at most {@code maxListItems}, also the default). */
    @GET
    @Path("members")
    public Map<String, List<MemberJson>> members(@QueryParam("limit") String limit,
                                                 @QueryParam("offset") String offset) {
        return Map.of("members", members.list(accounts.current(), wiki(), Requests.limit(limit, maxListItems),
                Requests.whole(offset, 0, "offset")).stream().map(MemberJson::of).toList());
    }

    @PUT
    @Path("members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, List<MemberJson>> grant(@PathParam("username") String username, RoleRequest body) {
        members.grant(accounts.current(), wiki(), username, Requests.body(body).role());
        return members(null, null);
    }

    @DELETE
    @Path("members/{username}")
    public Response revoke(@PathParam("username") String username) {
        members.revoke(accounts.current(), wiki(), username);
        return Response.noContent().build();
    }

    @GET
    @Path("tokens")
    public Map<String, List<TokenJson>> tokens() {
        return Map.of("tokens", tokens.list(accounts.current(), wiki()).stream()
                .map(token -> TokenJson.of(token, null)).toList());
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createToken(NewToken body) {
        NewToken request = Requests.body(body);
        Tokens.Issued issued = tokens.create(accounts.current(), wiki(), request.name(), request.role());
        return Response.status(201).entity(TokenJson.of(issued.token(), issued.secret())).build();
    }

    @DELETE
    @Path("tokens/{id}")
    public Response revokeToken(@PathParam("id") String id) {
        tokens.revoke(accounts.current(), wiki(), id);
        return Response.noContent().build();
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
