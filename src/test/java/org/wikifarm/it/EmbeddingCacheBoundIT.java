package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A wiki's embedding cache stays within its spare room as its pages are edited, seen from outside: the real WAR on a
 * Tomcat of its own with {@code searchCacheSpareVectors=3} and the real model, edits through the API, each indexed
 * before the next, and {@code cached_vectors} against {@code indexed_chunks} in the search status. Another wiki's
 * cache is never touched, and the edited page is still found by meaning.
 */
class EmbeddingCacheBoundIT {
    private static final int SPARE = 3;
    private static final int EDITS = 8;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String auth;

    @Test
    void editsKeepAWikisEmbeddingCacheWithinItsSpareRoomAndLeaveAnotherWikisAlone() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("embedding-cache-it-" + System.nanoTime());
        Files.createDirectories(root);
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"),
                Map.of("searchCacheSpareVectors", String.valueOf(SPARE)))) {
            tomcat.start();
            auth = JsonCalls.signUp(http, tomcat.baseUrl(), "c");

            String other = api(tomcat, "other");
            String revision = send(tomcat, "PUT", other + "/pages/notes",
                    Map.of("content", "# Notes\n\nHerons wade in the shallows at dawn."), 201).path("revision").asText();
            awaitIndexed(tomcat, other);
            send(tomcat, "PUT", other + "/pages/notes", Map.of("content", "# Notes\n\nEgrets wade in the shallows at"
                    + " dusk.", "revision", revision), 200);
            int otherCached = awaitIndexed(tomcat, other).path("cached_vectors").asInt();
            assertThat(otherCached).as("the other wiki keeps its edited-away text, within its spare room")
                    .isGreaterThan(awaitIndexed(tomcat, other).path("indexed_chunks").asInt());

            String wiki = api(tomcat, "log");
            revision = send(tomcat, "PUT", wiki + "/pages/log", Map.of("content", entry(0)), 201).path("revision")
                    .asText();
            awaitIndexed(tomcat, wiki);
            List<Integer> unused = new ArrayList<>();
            for (int edit = 1; edit <= EDITS; edit++) {
                revision = send(tomcat, "PUT", wiki + "/pages/log", Map.of("content", entry(edit), "revision",
                        revision), 200).path("revision").asText();
                JsonNode status = awaitIndexed(tomcat, wiki);
                unused.add(status.path("cached_vectors").asInt() - status.path("indexed_chunks").asInt());
            }
            assertThat(unused).as("vectors cached beyond the indexed chunks, after each edit").allMatch(n -> n >= 0)
                    .allMatch(n -> n <= SPARE);
            assertThat(unused.subList(0, SPARE)).as("edited-away texts are kept up to the spare room")
                    .containsExactly(1, 2, 3);
            assertThat(unused).as("and then dropped").contains(0);

            JsonNode found = send(tomcat, "GET", wiki + "/search?mode=semantic&q=what+the+lighthouse+keeper+wrote"
                    + "+down", null, 200);
            assertThat(found.path("hits").get(0).path("path").asText()).isEqualTo("log");
            assertThat(awaitIndexed(tomcat, other).path("cached_vectors").asInt()).as("the other wiki's cache")
                    .isEqualTo(otherCached);
        }
    }

    private static String entry(int edit) {
        return "# Log\n\nEntry " + edit + ": the lighthouse keeper wrote down the weather, the ships that passed and"
                + " the oil left for the lamp.";
    }

    /** A new private wiki of the signed-in user's; its API path. */
    private String api(OwnTomcat tomcat, String slug) throws IOException, InterruptedException {
        JsonNode wiki = send(tomcat, "POST", "/api/v1/wikis", Map.of("slug", slug, "is_public", false), 201);
        return wiki.path("url").asText() + "/api/v1";
    }

    private JsonNode awaitIndexed(OwnTomcat tomcat, String api) throws IOException, InterruptedException {
        return JsonCalls.awaitSearchIndexed(http, tomcat.baseUrl(), auth, api);
    }

    private JsonNode send(OwnTomcat tomcat, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        return JsonCalls.send(http, tomcat.baseUrl(), auth, method, path, body, expected);
    }
}
