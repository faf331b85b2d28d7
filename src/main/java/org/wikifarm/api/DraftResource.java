package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wikifarm.auth.Accounts;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.tenant.Wiki;

/** {@code <wiki>/api/v1/drafts/{path}}: the caller's own unsaved edit of a page. */
@Path("drafts/{path: .+}")
@Produces(MediaType.APPLICATION_JSON)
public final class DraftResource {
    private final PageService pages;
    private final Accounts accounts;

    @Inject
    public DraftResource(PageService pages, Accounts accounts) {
        this.pages = pages;
        this.accounts = accounts;
    }

    @GET
    public Dtos.DraftJson read(@PathParam("path") String path) {
        PagePath page = new PagePath(path);
        return pages.draft(accounts.current(), wiki(), page).map(Dtos.DraftJson::of)
                .orElseThrow(() -> new org.wikifarm.error.WikifarmException.NotFound("draft_not_found",
                        "You have no draft of '" + path + "'."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Dtos.DraftJson save(@PathParam("path") String path, Dtos.DraftWrite body) {
        Dtos.DraftWrite write = Requests.body(body);
        return Dtos.DraftJson.of(pages.saveDraft(accounts.current(), wiki(), new PagePath(path),
                Requests.required(write.content(), "content"), write.baseRevision(), write.cursorLine(),
                write.cursorCh()));
    }

    @DELETE
    public Response delete(@PathParam("path") String path) {
        pages.deleteDraft(accounts.current(), wiki(), new PagePath(path));
        return Response.noContent().build();
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
