package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.TenantResolver;

/**
 * The admin area's Schemas screen, {@code /admin/schemas}: every wiki's database schema version, oldest first, with a
 * button to migrate one wiki and one to migrate every older wiki in the background (the screen reloads itself every
 * two seconds while that runs, showing how far it got and what failed). Forms post to {@code /admin/schemas/migrate}
 * and {@code /admin/schemas/migrate-all}; {@code SchemaMigrations} asks {@code auth.Permissions}.
 */
public final class SchemaAdminServlet extends HttpServlet {
    public static final String[] PATHS = {"/admin/schemas", "/admin/schemas/*"};
    private static final int PAGE = 200;

    private final Accounts accounts;
    private final SchemaMigrations migrations;
    private final OpenWikis wikis;
    private final TenantResolver urls;

    public SchemaAdminServlet(Accounts accounts, SchemaMigrations migrations, OpenWikis wikis, TenantResolver urls) {
        this.accounts = accounts;
        this.migrations = migrations;
        this.wikis = wikis;
        this.urls = urls;
    }

    /** A line of the screen: the wiki's schema and, while its platform row exists, its address. */
    public record Line(SchemaMigrations.WikiSchema schema, String url) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Caller caller = accounts.current();
        String method = request.getMethod();
        boolean post = "POST".equals(method);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            if (post) {
                Csrf.check(request);
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Use GET or POST.");
                return;
            } else if (caller.anonymous()) {
                Views.seeOther(response, request.getContextPath() + "/login?next="
                        + Urls.encodeQuery(request.getContextPath() + "/admin/schemas"));
                return;
            }
            String back = request.getContextPath() + "/admin/schemas";
            switch (post ? path : "GET" + path) {
                case "GET", "GET/" -> show(request, response, caller, null, 200);
                case "/migrate" -> {
                    try {
                        OpenWikis.Migrated migrated = migrations.migrate(caller, request.getParameter("id"));
                        Views.seeOther(response, back + "?done=migrated&from=" + migrated.from());
                    } catch (WikifarmException.Unavailable | WikifarmException.Conflict failure) {
                        show(request, response, caller, failure.getMessage(), 409);
                    }
                }
                case "/migrate-all" -> {
                    migrations.migrateAll(caller);
                    Views.seeOther(response, back);
                }
                default -> throw new WikifarmException.NotFound("no_such_screen", "There is no such admin screen.");
            }
        } catch (WikifarmException failure) {
            Views.error(request, response, caller, failure);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response, Caller caller, String problem,
                      int status) throws ServletException, IOException {
        List<Line> lines = migrations.list(caller, PAGE, 0).stream()
                .map(schema -> new Line(schema, schema.wiki().map(urls::baseUrl).orElse(null))).toList();
        request.setAttribute("lines", lines);
        request.setAttribute("olderCount", lines.stream().filter(line -> line.schema().older()).count());
        request.setAttribute("currentVersion", OpenWikis.SCHEMA_VERSION);
        request.setAttribute("adminMigrations", wikis.adminMigrations());
        request.setAttribute("progress", migrations.progress(caller));
        request.setAttribute("problem", problem);
        request.setAttribute("done", problem == null && "migrated".equals(request.getParameter("done")));
        Views.render(request, response, caller, "admin/schemas", status);
    }
}
