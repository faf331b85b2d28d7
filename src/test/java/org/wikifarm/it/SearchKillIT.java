package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The search queue is durable: a server killed with {@code kill -9} while pages wait to be indexed indexes them all
 * after it restarts — real Tomcat, real model, its own data folder.
 */
class SearchKillIT {
    private static final int PAGES = 24;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String auth;

    @Test
    void aServerKilledWithWorkQueuedFinishesIndexingAfterRestart() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("search-kill-it-" + System.nanoTime());
        Files.createDirectories(root);
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"))) {
            tomcat.start();
            auth = JsonCalls.signUp(http, tomcat.baseUrl(), "k");
            JsonNode wiki = send(tomcat, "POST", "/api/v1/wikis", Map.of("slug", "kill", "is_public", false), 201);
            String api = wiki.path("url").asText() + "/api/v1";
            for (int i = 0; i < PAGES; i++) {
                send(tomcat, "PUT", api + "/pages/notes/page-" + i, Map.of("content", page(i)), 201);
            }
            JsonNode before = send(tomcat, "GET", api + "/search/status", null, 200);
            assertThat(before.path("queued").asInt()).as("work queued at the kill: %s", before).isPositive();

            tomcat.kill();
            tomcat.start();

            JsonNode after = awaitIndexed(tomcat, api);
            assertThat(after.path("indexed_pages").asInt()).as("the pages and the wiki's first Home")
                    .isEqualTo(PAGES + 1);
            assertThat(after.path("last_indexed_commit").asText()).isEqualTo(after.path("head_commit").asText());
            JsonNode found = send(tomcat, "GET", api + "/search?mode=hybrid&q=lighthouse-" + (PAGES - 1), null, 200);
            assertThat(found.path("hits").get(0).path("path").asText()).isEqualTo("notes/page-" + (PAGES - 1));
            JsonNode semantic = send(tomcat, "GET", api + "/search?mode=semantic&q=storm+at+sea", null, 200);
            assertThat(semantic.path("mode").asText()).isEqualTo("semantic");
            assertThat(semantic.path("hits").size()).isPositive();
        }
    }

    private static String page(int i) {
        return "# Lighthouse " + i + "\n\nThe keeper of lighthouse-" + i + " logs every storm at sea, trims the wick "
                + "at dusk and polishes the great lens. Ships pass the rocks safely because the lamp turns all night."
                + "\n\n## Supplies\n\nOil, bread and letters come by boat every " + (i % 7 + 1) + " days.";
    }

    private JsonNode awaitIndexed(OwnTomcat tomcat, String api) throws IOException, InterruptedException {
        return JsonCalls.awaitSearchIndexed(http, tomcat.baseUrl(), auth, api);
    }

    private JsonNode send(OwnTomcat tomcat, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        return JsonCalls.send(http, tomcat.baseUrl(), auth, method, path, body, expected);
    }
}
