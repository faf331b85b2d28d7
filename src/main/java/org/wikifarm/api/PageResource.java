package org.wikifarm.api;

import io.swagger.v3.oas.annotations.Operation;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.page.Blame;
import org.wikifarm.page.Change;
import org.wikifarm.page.Diff;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Reverted;
import org.wikifarm.page.Saved;
import org.wikifarm.tenant.Wiki;

/**
 * {@code <wiki>/api/v1/pages/…}. A path ending in {@code /history}, {@code /diff}, {@code /blame}, {@code /links},
 * {@code /rename}, {@code /revert} or {@code /restore} names an action (JAX-RS prefers the longer literal match); the query form
 * {@code /page?path=} reaches pages whose last segment is one of those words. Every list is bounded by
 * {@code PageService}'s limits: a page of at most {@code maxListItems} items and {@code maxListBytes} of JSON, with
 * {@code truncated} (or {@code next}) saying where to go on. Each route is one {@code PageService} call.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class PageResource {
    private final PageService pages;
    private final Accounts accounts;

    @Inject
    public PageResource(PageService pages, Accounts accounts) {
        this.pages = pages;
        this.accounts = accounts;
    }

    @GET
    @Path("pages")
    @Operation(summary = "The wiki's pages whose path starts with prefix, in code-point order; next is the after that"
            + " continues; category and tag keep the pages whose front matter names them (ignoring case)")
    public Map<String, Object> list(@QueryParam("prefix") String prefix, @QueryParam("after") String after,
                                    @QueryParam("limit") String limit, @QueryParam("category") String category,
                                    @QueryParam("tag") String tag) {
        PageService.PageList found = pages.list(accounts.current(), wiki(), prefix, new PageFilter(category, tag),
                after, Requests.limit(limit, pages.limits().maxListItems()), pages.limits().maxListBytes());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pages", found.pages().stream().map(p -> Map.of("path", p.value())).toList());
        answer.put("count", found.count());
        if (found.next() != null) {
            answer.put("next", found.next());
        }
        return answer;
    }

    @GET
    @Path("pages/{path: .+}")
    @Operation(summary = "A page, current or at ?revision=")
    public Page read(@PathParam("path") String path, @QueryParam("revision") String revision) {
        return pages.read(accounts.current(), wiki(), new PagePath(path), revision);
    }

    @GET
    @Path("page")
    @Operation(summary = "A page named in ?path= (for a name whose last segment is an action word such as history)")
    public Page readByQuery(@QueryParam("path") String path, @QueryParam("revision") String revision) {
        return read(Requests.required(path, "path"), revision);
    }

    @PUT
    @Path("pages/{path: .+}")
    @Operation(summary = "Creates (201) or updates (200) a page; an update needs the revision it edited (409 stale_revision)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("path") String path, Dtos.PageWrite body) {
        Dtos.PageWrite write = Requests.body(body);
        Saved saved = pages.save(accounts.current(), wiki(), new PagePath(path),
                Requests.required(write.content(), "content"), write.revision(), write.message());
        return Response.status(saved.created() ? 201 : 200).entity(saved.page()).build();
    }

    @PUT
    @Path("page")
    @Operation(summary = "Creates or updates the page named in ?path=")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response saveByQuery(@QueryParam("path") String path, Dtos.PageWrite body) {
        return save(Requests.required(path, "path"), body);
    }

    @DELETE
    @Path("pages/{path: .+}")
    @Operation(summary = "Deletes a page (?revision= checks it is still that one)")
    public Map<String, String> delete(@PathParam("path") String path, @QueryParam("revision") String revision,
                                      @QueryParam("message") String message) {
        String commit = pages.delete(accounts.current(), wiki(), new PagePath(path), revision, message);
        return Map.of("path", path, "revision", commit);
    }

    @DELETE
    @Path("page")
    @Operation(summary = "Deletes the page named in ?path=")
    public Map<String, String> deleteByQuery(@QueryParam("path") String path, @QueryParam("revision") String revision,
                                             @QueryParam("message") String message) {
        return delete(Requests.required(path, "path"), revision, message);
    }

    @POST
    @Path("pages/{path: .+}/rename")
    @Operation(summary = "Renames a page; with update_links the same commit points every link to it at the new name")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dtos.RenamedJson rename(@PathParam("path") String path, Dtos.RenameRequest body) {
        Dtos.RenameRequest rename = Requests.body(body);
        return Dtos.RenamedJson.of(pages.rename(accounts.current(), wiki(), new PagePath(path),
                new PagePath(Requests.required(rename.newPath(), "new_path")), rename.message(),
                Boolean.TRUE.equals(rename.updateLinks())));
    }

    @POST
    @Path("pages/{path: .+}/revert")
    @Operation(summary = "Undoes what one commit did to the page, keeping later edits (409 revert_conflict)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Object revert(@PathParam("path") String path, Dtos.RevertRequest body) {
        Dtos.RevertRequest revert = Requests.body(body);
        Reverted reverted = pages.revert(accounts.current(), wiki(), new PagePath(path),
                Requests.required(revert.revision(), "revision"), revert.message());
        return reverted.page().<Object>map(page -> page)
                .orElseGet(() -> Map.of("path", path, "deleted", true, "revision", reverted.revision()));
    }

    /** A deleted page back as it last was; the body ({@code message}) is optional. */
    @POST
    @Path("pages/{path: .+}/restore")
    @Operation(summary = "Brings a deleted page back as it last was")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response restore(@PathParam("path") String path, Dtos.RestoreRequest body) {
        Saved restored = pages.restore(accounts.current(), wiki(), new PagePath(path),
                body == null ? null : body.message());
        return Response.status(201).entity(restored.page()).build();
    }

    @GET
    @Path("pages/{path: .+}/history")
    @Operation(summary = "The page's changes, newest first")
    public Map<String, Object> history(@PathParam("path") String path, @QueryParam("limit") String limit) {
        PageService.Changes changes = pages.history(accounts.current(), wiki(), new PagePath(path),
                Requests.limit(limit, 50), pages.limits().maxListBytes());
        return Map.of("path", path, "changes", changes.changes(), "truncated", changes.truncated());
    }

    @GET
    @Path("pages/{path: .+}/diff")
    @Operation(summary = "A unified diff of the page between two revisions (to defaults to the current one)")
    public Map<String, Object> diff(@PathParam("path") String path, @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        Diff diff = pages.diff(accounts.current(), wiki(), new PagePath(path), Requests.required(from, "from"), to);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path);
        answer.put("from", diff.from());
        answer.put("to", diff.to());
        answer.put("diff", diff.diff());
        return answer;
    }

    /**
     * Who last changed each line, as runs of consecutive lines from one commit; a run's {@code path} only when the
     * page had another name in that commit, and only {@code start_line} and {@code lines} for lines an incomplete
     * blame did not reach.
     */
    @GET
    @Path("pages/{path: .+}/blame")
    public Map<String, Object> blame(@PathParam("path") String path, @QueryParam("revision") String revision) {
        Blame blame = pages.blame(accounts.current(), wiki(), new PagePath(path), revision);
        List<Map<String, Object>> runs = new ArrayList<>(blame.runs().size());
        for (Blame.Run run : blame.runs()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("revision", run.revision());
            if (run.attributed()) {
                json.put("previous", run.previous());
                json.put("author", run.author());
                json.put("date", run.date());
                json.put("message", run.message());
            }
            json.put("start_line", run.startLine());
            json.put("lines", run.lines());
            if (run.path() != null) {
                json.put("path", run.path().value());
            }
            runs.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", blame.path().value());
        answer.put("revision", blame.revision());
        answer.put("line_count", blame.lineCount());
        answer.put("complete", blame.complete());
        answer.put("runs", runs);
        return answer;
    }

    /** Each of the two lists gets half of the answer's budget: a page can link to thousands of pages. */
    @GET
    @Path("pages/{path: .+}/links")
    @Operation(summary = "The pages this page links to and those that link to it")
    public Map<String, Object> links(@PathParam("path") String path) {
        var links = pages.links(accounts.current(), wiki(), new PagePath(path));
        long half = pages.limits().maxListBytes() / 2;
        ListBudget.Fitted<PagePath> outgoing = fit(links.outgoing(), half);
        ListBudget.Fitted<PagePath> backlinks = fit(links.backlinks(), half);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path);
        answer.put("outgoing", outgoing.items());
        answer.put("backlinks", backlinks.items());
        answer.put("outgoing_truncated", outgoing.truncated());
        answer.put("backlinks_truncated", backlinks.truncated());
        return answer;
    }

    @GET
    @Path("changelog")
    @Operation(summary = "The wiki's changes, newest first; before= continues")
    public Map<String, Object> changelog(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        PageService.Changes changes = pages.changelog(accounts.current(), wiki(), Requests.limit(limit, 50), before,
                pages.limits().maxListBytes());
        return Map.of("changes", changes.changes(), "truncated", changes.truncated());
    }

    @GET
    @Path("deleted-pages")
    @Operation(summary = "Pages deleted and not there now, newest deletion first, each with its deletion")
    public PageService.DeletedPages deletedPages() {
        return pages.deleted(accounts.current(), wiki());
    }

    /** One commit, with as much of its message and pages as one answer may carry (a changelog shows the start). */
    @GET
    @Path("changes/{revision}")
    @Operation(summary = "One commit with as much of its message and pages as one answer carries")
    public Change change(@PathParam("revision") String revision) {
        return pages.change(accounts.current(), wiki(), revision);
    }

    private ListBudget.Fitted<PagePath> fit(List<PagePath> paths, long maxBytes) {
        return ListBudget.fit(paths, maxBytes, pages.limits().maxListItems(), p -> JsonSize.of(p.value()));
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
