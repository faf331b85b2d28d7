package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code migrations = admin} on a real Tomcat of its own: wikis made by this version are turned into wikis of the
 * previous schema (changeset {@code wiki-5} undone, {@code user_version} 4) while the server is down; after it starts
 * again, their readers get 503 {@code wiki_upgrading} with {@code Retry-After} (API) and a friendly screen (web), and the
 * database is not touched; only a platform admin migrates them — one through {@code /api/v1/admin/schemas/{id}/migrate}
 * (after a copy of the database), then every other one through {@code migrate-all}, whose progress is polled — and the
 * wikis read as before. Nobody else may list or migrate (403, anonymous 401).
 */
class AdminMigrationsIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void olderWikisWaitForAnAdminWhoMigratesOneThenAll() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("admin-migrations-it-" + System.nanoTime());
        Files.createDirectories(root);
        Path data = root.resolve("data");
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), data, Map.of("migrations", "admin"))) {
            tomcat.start();
            String admin = signUp(tomcat, "admin");
            String reader = signUp(tomcat, "reader");
            List<String> ids = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            for (String slug : List.of("one", "two", "three")) {
                JsonNode wiki = JsonCalls.send(http, tomcat.baseUrl(), admin, "POST", "/api/v1/wikis",
                        Map.of("slug", slug, "is_public", true), 201);
                ids.add(wiki.path("id").asText());
                urls.add(wiki.path("url").asText());
            }
            JsonNode own = JsonCalls.send(http, tomcat.baseUrl(), reader, "POST", "/api/v1/wikis",
                    Map.of("slug", "mine"), 201);
            ids.add(own.path("id").asText());
            urls.add(own.path("url").asText());
            JsonNode before = JsonCalls.send(http, tomcat.baseUrl(), admin, "GET", "/api/v1/admin/schemas", null, 200);
            assertThat(before.path("migrations").asText()).isEqualTo("admin");
            int current = before.path("current_version").asInt();
            assertThat(before.path("wikis")).allMatch(w -> w.path("schema_version").asInt() == current);

            tomcat.close();
            for (String id : ids) {
                downgrade(data.resolve("wikis").resolve(id).resolve("wiki.db"));
            }
            tomcat.start();

            // The reader's own wiki: 503 with Retry-After on the API, a friendly screen on the web, file untouched.
            String mine = urls.get(3);
            HttpResponse<String> api = get(tomcat, reader, mine + "/api/v1/pages/Home", "application/json");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(ApiClient.JSON.readTree(api.body()).path("error").asText()).isEqualTo("wiki_upgrading");
            assertThat(api.headers().firstValue("Retry-After")).hasValue("60");
            HttpResponse<String> web = get(tomcat, reader, mine + "/", "text/html");
            assertThat(web.statusCode()).isEqualTo(503);
            assertThat(web.body()).contains("This wiki is being upgraded").doesNotContain("Exception");
            assertThat(web.headers().firstValue("Retry-After")).hasValue("60");
            Path mineDb = data.resolve("wikis").resolve(ids.get(3)).resolve("wiki.db");
            assertThat(userVersion(mineDb)).isEqualTo(current - 1);

            // Only platform admins see and migrate.
            JsonCalls.send(http, tomcat.baseUrl(), reader, "GET", "/api/v1/admin/schemas", null, 403);
            JsonCalls.send(http, tomcat.baseUrl(), null, "GET", "/api/v1/admin/schemas", null, 401);
            JsonCalls.send(http, tomcat.baseUrl(), reader, "POST", "/api/v1/admin/schemas/" + ids.get(3) + "/migrate",
                    Map.of(), 403);
            JsonCalls.send(http, tomcat.baseUrl(), reader, "POST", "/api/v1/admin/schemas/migrate-all", Map.of(), 403);
            JsonNode listed = JsonCalls.send(http, tomcat.baseUrl(), admin, "GET", "/api/v1/admin/schemas", null, 200);
            List<JsonNode> lines = new ArrayList<>();
            listed.path("wikis").forEach(lines::add);
            assertThat(lines).hasSize(4).allMatch(w -> w.path("schema_version").asInt() == current - 1
                    && w.path("older").asBoolean());
            JsonCalls.send(http, tomcat.baseUrl(), admin, "POST", "/api/v1/admin/schemas/nosuchwiki12/migrate",
                    Map.of(), 404);

            JsonNode migrated = JsonCalls.send(http, tomcat.baseUrl(), admin, "POST",
                    "/api/v1/admin/schemas/" + ids.get(3) + "/migrate", Map.of(), 200);
            assertThat(migrated.path("from").asInt()).isEqualTo(current - 1);
            assertThat(migrated.path("to").asInt()).isEqualTo(current);
            assertThat(data.resolve("wikis").resolve(ids.get(3)).resolve("snapshots/.before-migration")
                    .resolve("wiki-v" + (current - 1) + ".db")).isRegularFile();
            assertThat(get(tomcat, reader, mine + "/api/v1/pages/Home", "application/json").statusCode())
                    .isEqualTo(200);

            // The others: still waiting, then all at once, with progress.
            assertThat(get(tomcat, null, urls.get(0) + "/api/v1/pages/Home", "application/json").statusCode())
                    .isEqualTo(503);
            JsonNode started = JsonCalls.send(http, tomcat.baseUrl(), admin, "POST",
                    "/api/v1/admin/schemas/migrate-all", Map.of(), 202);
            assertThat(started.has("running")).isTrue();
            JsonNode progress = started;
            for (int attempt = 0; attempt < 300 && progress.path("running").asBoolean(); attempt++) {
                Thread.sleep(100);
                progress = JsonCalls.send(http, tomcat.baseUrl(), admin, "GET", "/api/v1/admin/schemas/migrate-all",
                        null, 200);
            }
            assertThat(progress.path("running").asBoolean()).as("%s", progress).isFalse();
            assertThat(progress.path("total").asInt()).isEqualTo(3);
            assertThat(progress.path("migrated").asInt()).isEqualTo(3);
            assertThat(progress.path("failures")).isEmpty();
            for (String url : urls.subList(0, 3)) {
                assertThat(get(tomcat, null, url + "/api/v1/pages/Home", "application/json").statusCode())
                        .isEqualTo(200);
            }
            JsonNode after = JsonCalls.send(http, tomcat.baseUrl(), admin, "GET", "/api/v1/admin/schemas", null, 200);
            assertThat(after.path("wikis")).allMatch(w -> w.path("schema_version").asInt() == current);

            HttpResponse<String> screen = get(tomcat, admin, "/admin/schemas", "text/html");
            assertThat(screen.statusCode()).isEqualTo(200);
            assertThat(screen.body()).contains("id=\"current-version\">" + current).contains("id=\"migrations-mode\">admin");
        }
    }

    private String signUp(OwnTomcat tomcat, String prefix) throws Exception {
        String user = Fixtures.randomName(prefix, 10);
        String password = Fixtures.randomName("pw-", 20);
        JsonCalls.send(http, tomcat.baseUrl(), null, "POST", "/api/v1/users",
                Map.of("username", user, "password", password), 201);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(OwnTomcat tomcat, String auth, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.baseUrl() + path))
                .timeout(Duration.ofSeconds(120)).header("Accept", accept);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** What a wiki made by the previous version holds: user_version one lower (and changeset wiki-5 undone). */
    private static void downgrade(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            int version;
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                version = result.getInt(1);
            }
            if (version == 5) {
                // wiki-5 undone (it added one row). A later last changeset stays recorded: Liquibase then has nothing
                // to redo, and what is tested is the gate and the migration path.
                statement.execute("DELETE FROM stats WHERE name = 'attachment_count'");
                statement.execute("DELETE FROM DATABASECHANGELOG WHERE ID = 'wiki-5'");
            }
            statement.execute("PRAGMA user_version = " + (version - 1));
        }
    }

    private static int userVersion(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            return result.getInt(1);
        }
    }
}
