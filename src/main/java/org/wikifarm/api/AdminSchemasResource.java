package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.wikifarm.auth.Accounts;
import org.wikifarm.config.Settings;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.Wiki;

/**
 * {@code /api/v1/admin/schemas}: every wiki's database schema version, oldest first (platform admins);
 * {@code POST …/{id}/migrate} migrates one wiki now, {@code POST …/migrate-all} starts migrating every older wiki in
 * the background (202) and {@code GET …/migrate-all} tells how far it got.
 */
@Path("admin/schemas")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminSchemasResource {
    private final SchemaMigrations migrations;
    private final OpenWikis wikis;
    private final Accounts accounts;
    private final int maxListItems;

    @Inject
    public AdminSchemasResource(SchemaMigrations migrations, OpenWikis wikis, Accounts accounts,
                                Settings.Limits limits) {
        this.migrations = migrations;
        this.wikis = wikis;
        this.accounts = accounts;
        this.maxListItems = limits.maxListItems();
    }

    record WikiSchemaJson(String id, String owner, String slug, int schemaVersion, boolean older, boolean newer,
                          String problem) {
        static WikiSchemaJson of(SchemaMigrations.WikiSchema schema) {
            Wiki wiki = schema.wiki().orElse(null);
            return new WikiSchemaJson(schema.id().value(), wiki == null ? null : wiki.owner().value(),
                    wiki == null ? null : wiki.slug().value(), schema.version(), schema.older(), schema.newer(),
                    schema.problem());
        }
    }

    record SchemasJson(int currentVersion, String migrations, List<WikiSchemaJson> wikis,
                       SchemaMigrations.Progress progress) {
    }

    record MigratedJson(String id, int from, int to) {
    }

    @GET
    public SchemasJson list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        List<WikiSchemaJson> lines = migrations.list(accounts.current(), Requests.limit(limit, maxListItems),
                Requests.whole(offset, 0, "offset")).stream().map(WikiSchemaJson::of).toList();
        return new SchemasJson(OpenWikis.SCHEMA_VERSION, wikis.adminMigrations() ? "admin" : "lazy", lines,
                migrations.progress(accounts.current()));
    }

    @POST
    @Path("{id}/migrate")
    public MigratedJson migrate(@PathParam("id") String id) {
        OpenWikis.Migrated migrated = migrations.migrate(accounts.current(), id);
        return new MigratedJson(migrated.id().value(), migrated.from(), migrated.to());
    }

    @POST
    @Path("migrate-all")
    public Response migrateAll() {
        return Response.status(202).entity(migrations.migrateAll(accounts.current())).build();
    }

    @GET
    @Path("migrate-all")
    public SchemaMigrations.Progress progress() {
        return migrations.progress(accounts.current());
    }
}
