package org.wikifarm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.snapshot.SnapshotService;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;

/**
 * {@code <wiki>/api/v1/snapshots}: the wiki's snapshots, for its administrators — list, take ({@code POST}, 201), one's
 * manifest, download (a zip), delete, restore over the wiki, restore as a new wiki ({@code …/copy}, 201). Ids are
 * looked up in this wiki's own folder only.
 */
@Path("snapshots")
@Produces(MediaType.APPLICATION_JSON)
public final class SnapshotResource {
    private final SnapshotService snapshots;
    private final Accounts accounts;
    private final TenantResolver urls;

    @Inject
    public SnapshotResource(SnapshotService snapshots, Accounts accounts, TenantResolver urls) {
        this.snapshots = snapshots;
        this.accounts = accounts;
        this.urls = urls;
    }

    /** A snapshot as the API shows it; {@code damaged} when its manifest cannot be read (only delete helps then). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SnapshotJson(String id, boolean damaged, String wiki, String commit, Integer schemaVersion,
                        Integer changesets, String lastChangeset, String createdAt, Long bytes,
                        Map<String, WikiSnapshots.FileSum> files) {
        static SnapshotJson of(WikiSnapshots.Snapshot snapshot) {
            WikiSnapshots.Manifest m = snapshot.manifest();
            if (m == null) {
                return new SnapshotJson(snapshot.id(), true, null, null, null, null, null, null, null, null);
            }
            return new SnapshotJson(snapshot.id(), false, m.wiki(), m.commit(), m.schemaVersion(), m.changesets(),
                    m.lastChangeset(), m.createdAt() == null ? null : m.createdAt().toString(), m.bytes(), m.files());
        }
    }

    record CopyRequest(String slug, String displayName) {
    }

    @GET
    public Map<String, List<SnapshotJson>> list() {
        return Map.of("snapshots", snapshots.list(accounts.current(), wiki()).stream().map(SnapshotJson::of).toList());
    }

    @POST
    public Response take() {
        return Response.status(201).entity(SnapshotJson.of(snapshots.take(accounts.current(), wiki()))).build();
    }

    @GET
    @Path("{id}")
    public SnapshotJson get(@PathParam("id") String id) {
        return SnapshotJson.of(snapshots.get(accounts.current(), wiki(), id));
    }

    @GET
    @Path("{id}/download")
    // JSON too, so a client that asks for JSON gets a refusal as JSON; the snapshot itself is always a zip.
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response download(@PathParam("id") String id) {
        SnapshotService.Download download = snapshots.download(accounts.current(), wiki(), id);
        StreamingOutput body = download::writeTo;
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        snapshots.delete(accounts.current(), wiki(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    public SnapshotService.Restored restore(@PathParam("id") String id) {
        return snapshots.restore(accounts.current(), wiki(), id);
    }

    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("id") String id, CopyRequest body) {
        CopyRequest request = Requests.body(body);
        Wiki copy = snapshots.restoreAsCopy(accounts.current(), wiki(), id,
                Requests.required(request.slug(), "slug"), request.displayName());
        return Response.status(201).entity(Dtos.WikiJson.of(copy, urls.baseUrl(copy))).build();
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
