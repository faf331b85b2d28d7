package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.PlatformAdmin;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.tenant.Wiki;

/**
 * {@code /api/v1/admin/open-wikis}: the wikis open in this process (platform admins), {@code POST …/{id}/close}
 * closes one nobody is using (409 while it is in use, 404 when it is not open), {@code POST …/close-idle} closes
 * every idle one and answers how many.
 */
@Path("admin/open-wikis")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenWikisResource {
    private final PlatformAdmin admin;
    private final Accounts accounts;

    @Inject
    public OpenWikisResource(PlatformAdmin admin, Accounts accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    /** An open wiki: owner and slug are null when its platform row is gone. */
    record OpenWikiJson(String id, String owner, String slug, String openedAt, String lastUsed, int leases,
                        boolean searchIndexOpen) {
        static OpenWikiJson of(PlatformAdmin.OpenWikiLine line) {
            Wiki wiki = line.wiki().orElse(null);
            return new OpenWikiJson(line.open().id().value(), wiki == null ? null : wiki.owner().value(),
                    wiki == null ? null : wiki.slug().value(), line.open().openedAt().toString(),
                    line.open().lastUsed().toString(), line.open().leases(),
                    line.open().has(LucenePageIndex.class));
        }
    }

    @GET
    public Map<String, List<OpenWikiJson>> list() {
        return Map.of("open_wikis", admin.openWikis(accounts.current()).stream().map(OpenWikiJson::of).toList());
    }

    @POST
    @Path("{id}/close")
    public Map<String, String> close(@PathParam("id") String wikiId) {
        admin.closeWiki(accounts.current(), wikiId);
        return Map.of("closed", wikiId);
    }

    @POST
    @Path("close-idle")
    public Map<String, Integer> closeIdle() {
        return Map.of("closed", admin.closeIdleWikis(accounts.current()));
    }
}
